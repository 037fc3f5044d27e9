package ferry.cloudformation;

import ferry.authz.Authorizer;
import ferry.aws.Caller;
import ferry.cloudformation.resource.ResourceTypes;
import ferry.cloudformation.stack.StackEngine;
import ferry.cloudformation.store.ChangeSetRepository;
import ferry.cloudformation.store.ExportRepository;
import ferry.cloudformation.store.ResourceRepository;
import ferry.cloudformation.store.StackEventRepository;
import ferry.cloudformation.store.StackRepository;
import ferry.cloudformation.template.SsmParameterValues;
import ferry.store.Database;
import ferry.sts.StsService;
import java.time.Clock;
import java.util.function.Function;

/**
 * CloudFormation, by family: stacks (with their resources and events), change sets, templates and
 * exports, sharing one engine that runs the stacks' operations in the background.
 */
public final class CloudFormationService implements AutoCloseable {
  private final StackEngine engine;
  private final Stacks stacks;
  private final ChangeSets changeSets;
  private final Templates templates;
  private final Exports exports;

  /**
   * @param ssm Parameter Store as a caller reads it, for {@code AWS::SSM::Parameter::Value<…>}
   *     parameters
   */
  public CloudFormationService(
      Database db,
      ResourceTypes types,
      Authorizer authorizer,
      StsService sts,
      Function<Caller, SsmParameterValues> ssm,
      Clock clock) {
    var stackRows = new StackRepository(db);
    var resources = new ResourceRepository(db);
    var events = new StackEventRepository(db);
    var changeSetRows = new ChangeSetRepository(db);
    var exportRows = new ExportRepository(db);
    this.engine =
        new StackEngine(
            stackRows,
            resources,
            events,
            changeSetRows,
            exportRows,
            types,
            clock,
            StackEngine.SETTLE);
    var access = new StackAccess(stackRows, authorizer, sts);
    var checks = new StackTemplates(types, ssm);
    this.stacks = new Stacks(access, checks, engine, resources, events, changeSetRows, clock);
    this.changeSets = new ChangeSets(access, checks, engine, changeSetRows, clock);
    this.templates = new Templates(access, checks);
    this.exports = new Exports(access, exportRows);
  }

  /** Ends the operations a stopped Ferry left running (their stacks fail with the reason). */
  public CloudFormationService recover() {
    engine.recover();
    return this;
  }

  public Stacks stacks() {
    return stacks;
  }

  public ChangeSets changeSets() {
    return changeSets;
  }

  public Templates templates() {
    return templates;
  }

  public Exports exports() {
    return exports;
  }

  @Override
  public void close() {
    engine.close();
  }
}
