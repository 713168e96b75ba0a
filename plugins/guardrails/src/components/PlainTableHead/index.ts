export { PlainTableHead } from './PlainTableHead';
