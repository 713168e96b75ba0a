export { CostByCostCentre } from './CostByCostCentre';
