import type { Plugin } from 'esbuild';

/**
 * Packages the OpenTelemetry Node SDK (`@opentelemetry/sdk-node`, under the Azure Monitor distro)
 * requires at load time but only uses when `OTEL_*_EXPORTER` variables or a declarative config file
 * ask for OTLP, Prometheus or Zipkin export. The distro always hands the SDK its own span processors,
 * metric readers and log processors, so these paths never run; together they are over a megabyte of
 * the bundle (gRPC, protobuf, YAML). Only imports from sdk-node are replaced.
 */
const unusedBySdkNode = /^@opentelemetry\/(configuration|exporter-(trace|metrics|logs)-otlp-(grpc|http|proto)|exporter-prometheus|exporter-zipkin|otlp-exporter-base|otlp-grpc-exporter-base)$/;
const sdkNodeImporter = /[\\/]@opentelemetry[\\/]sdk-node[\\/]/;

/** Every export is a function that throws, so a configuration that did reach them fails loudly. */
const stubSource = `module.exports = new Proxy({}, {
  get(_, name) {
    if (typeof name !== 'string' || name === '__esModule' || name === 'then') return undefined;
    return function notInFerryPackage() {
      throw new Error('Ferry\\'s package leaves out OpenTelemetry ' + name + ': only Azure Monitor export is supported.');
    };
  },
});
`;

export function stubUnusedExportersPlugin(): Plugin {
  return {
    name: 'ferry-stub-unused-exporters',
    setup(build) {
      build.onResolve({ filter: unusedBySdkNode }, (args) =>
        sdkNodeImporter.test(args.importer) ? { path: args.path, namespace: 'ferry-stub' } : undefined,
      );
      build.onLoad({ filter: /.*/, namespace: 'ferry-stub' }, () => ({ contents: stubSource, loader: 'js' }));
    },
  };
}
