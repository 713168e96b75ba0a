export { NativeSelect } from './NativeSelect';
export type { NativeSelectOption } from './NativeSelect';
