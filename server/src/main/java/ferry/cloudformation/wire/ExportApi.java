package ferry.cloudformation.wire;

import ferry.cloudformation.Exports;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;

/** The query binding of ListExports and ListImports. */
final class ExportApi {
  private final Exports exports;

  ExportApi(Exports exports) {
    this.exports = exports;
  }

  Xml listExports(QueryParameters p, ApiRequest r) {
    return Pages.page(
        p,
        exports.listExports(r.caller()),
        100,
        "Exports",
        (xml, export) ->
            xml.element("ExportingStackId", export.exportingStackId())
                .element("Name", export.name())
                .element("Value", export.value()));
  }

  Xml listImports(QueryParameters p, ApiRequest r) {
    return Pages.page(
        p,
        exports.listImports(r.caller(), p.required("ExportName")),
        100,
        "Imports",
        (xml, stackName) -> xml.text(stackName));
  }
}
