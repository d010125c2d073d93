export type ComponentStatus = 'healthy' | 'degraded' | 'down';
export type Component = 'database' | 'storage' | 'messaging';

export type HealthState = Record<Component, ComponentStatus>;

export const componentStatuses: readonly ComponentStatus[] = ['healthy', 'degraded', 'down'];
export const components: readonly Component[] = ['database', 'storage', 'messaging'];

export function healthyState(): HealthState {
  return { database: 'healthy', storage: 'healthy', messaging: 'healthy' };
}

/** The overall status is the worst component's. */
export function overallStatus(state: HealthState): ComponentStatus {
  const values = components.map((component) => state[component]);
  if (values.includes('down')) return 'down';
  if (values.includes('degraded')) return 'degraded';
  return 'healthy';
}
