package ferry.cloudformation;

import ferry.aws.Caller;
import ferry.cloudformation.store.ExportRepository;
import java.util.List;

/**
 * The region's exports (stack outputs with an {@code Export} name) and the stacks importing each.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-stack-exports.html">Exports</a>
 */
public final class Exports {
  private final StackAccess access;
  private final ExportRepository exports;

  Exports(StackAccess access, ExportRepository exports) {
    this.access = access;
    this.exports = exports;
  }

  public List<StackExport> listExports(Caller caller) {
    access.authorize(caller, "ListExports", "*");
    return exports.list(caller.account(), caller.region());
  }

  public List<String> listImports(Caller caller, String exportName) {
    access.authorize(caller, "ListImports", "*");
    List<String> importers = exports.importers(caller.account(), caller.region(), exportName);
    if (importers.isEmpty()) {
      throw CloudFormationErrors.validation(
          "Export '" + exportName + "' is not imported by any stack.");
    }
    return importers;
  }
}
