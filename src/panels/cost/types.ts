export interface CostPanelOptions {
  groupBy: 'model' | 'user';
}
