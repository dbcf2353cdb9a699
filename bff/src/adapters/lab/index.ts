/** The lab withdrawn-report adapter: what the rest of the BFF may import from this folder. */
export { LabAdapter } from './lab.adapter';
export type { LabAdapterOptions } from './lab.adapter';
export { createLabSimulator } from './sim/lab-sim';
export type { LabDetailShape, LabListShape, LabRowIds, LabSimCall, LabSimFault, LabSimRecord, LabSimulator, LabSimulatorOptions, WithdrawInput } from './sim/lab-sim';
