import type { ScopedResource } from './armTemplate';
import { resourcesOf } from './collectScopes';
import { getPath } from './getPath';

export interface AppSetting {
  name: string;
  value: unknown;
}

/**
 * A site's app settings as the template sets them: `siteConfig.appSettings` (name/value pairs) and
 * any `Microsoft.Web/sites/config` `appsettings` child in the same template (an object).
 */
export function siteAppSettings(site: ScopedResource): AppSetting[] {
  const inline = getPath(site.resource, 'properties.siteConfig.appSettings');
  const settings: AppSetting[] = Array.isArray(inline)
    ? inline.map((entry) => ({ name: String((entry as AppSetting).name), value: (entry as AppSetting).value }))
    : [];
  for (const resource of resourcesOf(site.scope.template)) {
    if (resource.type.toLowerCase() !== 'microsoft.web/sites/config' || !/appsettings'?\)?\]?$/i.test(resource.name)) continue;
    const properties = resource.properties;
    if (properties && typeof properties === 'object') {
      for (const [name, value] of Object.entries(properties)) settings.push({ name, value });
    }
  }
  return settings;
}
