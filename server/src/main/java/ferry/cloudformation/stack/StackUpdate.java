package ferry.cloudformation.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AwsException;
import ferry.cloudformation.ResourceStatus;
import ferry.cloudformation.Stack;
import ferry.cloudformation.StackOutput;
import ferry.cloudformation.StackResource;
import ferry.cloudformation.StackStatus;
import ferry.cloudformation.resource.Provisioned;
import ferry.cloudformation.resource.ResourceHandler;
import ferry.cloudformation.template.DependencyGraph;
import ferry.cloudformation.template.Evaluator;
import ferry.cloudformation.template.ResolvedOutput;
import ferry.cloudformation.template.ResourceDeclaration;
import ferry.cloudformation.template.Template;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * One UpdateStack: each resource of the new template made, updated in place (no create-only
 * property changed), replaced (a new one made, the old one deleted at cleanup), or left alone; the
 * resources the new template drops deleted at cleanup. A failure rolls everything done back.
 *
 * @see <a
 *     href="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-cfn-updating-stacks-update-behaviors.html">Update
 *     behaviors of stack resources</a>
 */
final class StackUpdate {
  /** What the update did to a resource, so a rollback can undo it. */
  private sealed interface Done {}

  private record Created() implements Done {}

  private record Updated(StackResource before) implements Done {}

  private record Replaced(StackResource before) implements Done {}

  private final StackEngine engine;
  private final StackRun run;
  private final Stack next;
  private final StackPlan plan;
  private final boolean rollback;
  private final Map<String, Done> done = new ConcurrentHashMap<>();
  private Map<String, String> previousTags = Map.of();

  StackUpdate(StackEngine engine, StackRun run, Stack next, StackPlan plan, boolean rollback) {
    this.engine = engine;
    this.run = run;
    this.next = next;
    this.plan = plan;
    this.rollback = rollback;
  }

  void run() {
    Stack before = run.stack();
    run.useTags(next.tags());
    Template oldTemplate = StackEngine.readStored(before);
    Map<String, StackResource> current = new LinkedHashMap<>();
    LiveResources live = new LiveResources();
    for (StackResource resource : run.resources().list(before.stackId())) {
      if (resource.physicalId() != null
          && resource.status() != ResourceStatus.DELETE_COMPLETE
          && resource.status() != ResourceStatus.DELETE_SKIPPED) {
        current.put(resource.logicalId(), resource);
        live.put(resource.logicalId(), StackRun.provisioned(resource));
      }
    }
    StackEngine.ImportRecorder imports = engine.imports(next);
    Evaluator evaluator = engine.evaluator(next, plan, live, imports);
    Template template = plan.template();
    DependencyGraph graph = DependencyGraph.of(template);
    List<String> included = evaluator.includedResources();
    var outcomes =
        DependencyRun.run(
            included,
            graph::dependencies,
            id ->
                step(
                    Objects.requireNonNull(template.resource(id)),
                    current.get(id),
                    evaluator,
                    live),
            engine.workers());
    List<String> failed = StackEngine.failedOf(outcomes);
    String reason = null;
    if (failed.isEmpty()) {
      reason = exportsInUse(before, evaluator);
      if (reason == null) {
        run.save(withDefinition(run.stack(), next));
        reason = engine.finish(run, evaluator, imports, template);
        if (reason != null) {
          run.save(withDefinition(run.stack(), before));
        }
      }
    } else {
      reason = "The following resource(s) failed to update: " + failed + ". ";
    }
    if (reason == null) {
      cleanUp(current, included, oldTemplate, template);
      return;
    }
    if (!rollback) {
      run.status(StackStatus.UPDATE_FAILED, reason);
      return;
    }
    previousTags = before.tags();
    roll(reason, graph);
  }

  private boolean step(
      ResourceDeclaration declaration,
      @Nullable StackResource old,
      Evaluator evaluator,
      LiveResources live) {
    String id = declaration.logicalId();
    if (old == null) {
      boolean made = engine.createResource(run, evaluator, declaration, live, null);
      if (made) {
        done.put(id, new Created());
      }
      return made;
    }
    String type = declaration.type();
    if (!old.type().equals(type)) {
      run.event(
          id,
          old.physicalId(),
          old.type(),
          ResourceStatus.UPDATE_FAILED.name(),
          "Update of resource type is not permitted. The new template modifies resource type of"
              + " the following resources: ["
              + id
              + "]",
          null);
      return false;
    }
    ResourceHandler handler = run.handler(type);
    ObjectNode properties;
    try {
      properties = evaluator.properties(id);
    } catch (AwsException e) {
      run.event(
          id, old.physicalId(), type, ResourceStatus.UPDATE_FAILED.name(), e.getMessage(), null);
      return false;
    }
    if (properties.equals(old.properties())) {
      return true;
    }
    Set<String> changed = changedProperties(old.properties(), properties);
    if (!Collections.disjoint(changed, handler.schema().createOnly())) {
      boolean made = engine.createResource(run, evaluator, declaration, live, old);
      if (made) {
        done.put(id, new Replaced(old));
      }
      return made;
    }
    run.resource(
        id,
        type,
        old.physicalId(),
        ResourceStatus.UPDATE_IN_PROGRESS,
        null,
        old.properties(),
        old.attributes(),
        false);
    try {
      StackRun.checkProperties(id, handler.schema(), properties);
      ObjectNode previous = old.properties() == null ? properties.objectNode() : old.properties();
      Provisioned updated =
          handler.update(run.request(id, properties), StackRun.provisioned(old), previous);
      live.put(id, updated);
      done.put(id, new Updated(old));
      run.resource(
          id,
          type,
          updated.physicalId(),
          ResourceStatus.UPDATE_COMPLETE,
          null,
          properties,
          updated.attributes(),
          false);
      return true;
    } catch (AwsException e) {
      run.resource(
          id,
          type,
          old.physicalId(),
          ResourceStatus.UPDATE_FAILED,
          ResourceFailure.reason(type, e),
          old.properties(),
          old.attributes(),
          false);
      return false;
    }
  }

  /** The top-level properties whose value differs (added, removed or changed). */
  static Set<String> changedProperties(@Nullable ObjectNode before, ObjectNode after) {
    Set<String> names = new LinkedHashSet<>();
    if (before != null) {
      before.fieldNames().forEachRemaining(names::add);
    }
    after.fieldNames().forEachRemaining(names::add);
    Set<String> changed = new LinkedHashSet<>();
    for (String name : names) {
      JsonNode was = before == null ? null : before.get(name);
      if (!Objects.equals(was, after.get(name))) {
        changed.add(name);
      }
    }
    return changed;
  }

  /** An export another stack imports may be neither removed nor changed. */
  private @Nullable String exportsInUse(Stack before, Evaluator evaluator) {
    Map<String, String> after = new LinkedHashMap<>();
    try {
      for (ResolvedOutput output : evaluator.outputs()) {
        if (output.exportName() != null) {
          after.put(output.exportName(), output.value());
        }
      }
    } catch (AwsException e) {
      return e.getMessage();
    }
    for (StackOutput output : before.outputs()) {
      String name = output.exportName();
      if (name == null || output.value().equals(after.get(name))) {
        continue;
      }
      List<String> importers = engine.exports().importers(before.account(), before.region(), name);
      if (!importers.isEmpty()) {
        return (after.containsKey(name) ? "Cannot update export " : "Cannot delete export ")
            + name
            + " as it is in use by "
            + String.join(", ", importers)
            + ".";
      }
    }
    return null;
  }

  private void cleanUp(
      Map<String, StackResource> current,
      List<String> included,
      @Nullable Template oldTemplate,
      Template template) {
    List<StackResource> removed = new ArrayList<>();
    for (StackResource resource : current.values()) {
      if (!included.contains(resource.logicalId())) {
        removed.add(resource);
      }
    }
    List<Replaced> replaced =
        done.values().stream()
            .filter(Replaced.class::isInstance)
            .map(Replaced.class::cast)
            .toList();
    if (removed.isEmpty() && replaced.isEmpty()) {
      run.status(StackStatus.UPDATE_COMPLETE, null);
      return;
    }
    run.status(StackStatus.UPDATE_COMPLETE_CLEANUP_IN_PROGRESS, null);
    for (Replaced old : replaced) {
      ResourceDeclaration declaration = template.resource(old.before().logicalId());
      boolean retain =
          declaration != null
              && declaration.updateReplacePolicy() == ResourceDeclaration.DeletionPolicy.Retain;
      deleteOldPhysical(old.before(), retain);
    }
    List<String> order = new ArrayList<>();
    if (oldTemplate != null) {
      DependencyGraph oldGraph = DependencyGraph.of(oldTemplate);
      order.addAll(oldGraph.creationOrder());
      Collections.reverse(order);
    }
    removed.sort(
        (a, b) -> Integer.compare(order.indexOf(a.logicalId()), order.indexOf(b.logicalId())));
    for (StackResource resource : removed) {
      ResourceDeclaration declaration =
          oldTemplate == null ? null : oldTemplate.resource(resource.logicalId());
      boolean retain =
          declaration != null
              && declaration.deletionPolicy() == ResourceDeclaration.DeletionPolicy.Retain;
      if (engine.deleteResource(run, resource, retain, false)) {
        run.resources().remove(resource.stackId(), resource.logicalId());
      }
    }
    run.status(StackStatus.UPDATE_COMPLETE, null);
  }

  /** Deletes a replaced resource's old physical resource; the stack's row is the new one's. */
  private boolean deleteOldPhysical(StackResource old, boolean retain) {
    String id = old.logicalId();
    if (retain) {
      run.event(id, old.physicalId(), old.type(), ResourceStatus.DELETE_SKIPPED.name(), null, null);
      return true;
    }
    run.event(
        id, old.physicalId(), old.type(), ResourceStatus.DELETE_IN_PROGRESS.name(), null, null);
    try {
      ObjectNode properties =
          old.properties() == null
              ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
              : old.properties();
      run.handler(old.type()).delete(run.request(id, properties), StackRun.provisioned(old));
      run.event(
          id, old.physicalId(), old.type(), ResourceStatus.DELETE_COMPLETE.name(), null, null);
      return true;
    } catch (AwsException e) {
      run.event(
          id,
          old.physicalId(),
          old.type(),
          ResourceStatus.DELETE_FAILED.name(),
          ResourceFailure.reason(old.type(), e),
          null);
      return false;
    }
  }

  /** Undoes what the update did, newest first, then deletes the replacements it made. */
  private void roll(String reason, DependencyGraph graph) {
    run.useTags(previousTags);
    run.status(StackStatus.UPDATE_ROLLBACK_IN_PROGRESS, reason);
    List<String> order = new ArrayList<>(graph.creationOrder());
    Collections.reverse(order);
    List<String> failed = new ArrayList<>();
    List<StackResource> replacements = new ArrayList<>();
    for (String id : order) {
      Done what = done.get(id);
      if (what == null) {
        continue;
      }
      StackResource now = run.resources().find(run.stack().stackId(), id).orElse(null);
      if (now == null) {
        continue;
      }
      switch (what) {
        case Created created -> {
          if (engine.deleteResource(run, now, false, false)) {
            run.resources().remove(now.stackId(), id);
          } else {
            failed.add(id);
          }
        }
        case Updated updated -> {
          if (!revert(now, updated.before())) {
            failed.add(id);
          }
        }
        case Replaced replaced -> {
          replacements.add(now);
          StackResource before = replaced.before();
          run.resource(
              id,
              before.type(),
              before.physicalId(),
              ResourceStatus.UPDATE_COMPLETE,
              null,
              before.properties(),
              before.attributes(),
              false);
        }
      }
    }
    if (!replacements.isEmpty()) {
      run.status(StackStatus.UPDATE_ROLLBACK_COMPLETE_CLEANUP_IN_PROGRESS, null);
      for (StackResource replacement : replacements) {
        if (!deleteOldPhysical(replacement, false)) {
          failed.add(replacement.logicalId());
        }
      }
    }
    if (failed.isEmpty()) {
      run.status(StackStatus.UPDATE_ROLLBACK_COMPLETE, null);
    } else {
      run.status(
          StackStatus.UPDATE_ROLLBACK_FAILED,
          "The following resource(s) failed to update: " + failed + ". ");
    }
  }

  private boolean revert(StackResource now, StackResource before) {
    String id = now.logicalId();
    run.resource(
        id,
        now.type(),
        now.physicalId(),
        ResourceStatus.UPDATE_IN_PROGRESS,
        null,
        now.properties(),
        now.attributes(),
        false);
    try {
      ObjectNode properties =
          before.properties() == null
              ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
              : before.properties();
      ObjectNode previous = now.properties() == null ? properties.objectNode() : now.properties();
      Provisioned reverted =
          run.handler(now.type())
              .update(run.request(id, properties), StackRun.provisioned(now), previous);
      run.resource(
          id,
          now.type(),
          reverted.physicalId(),
          ResourceStatus.UPDATE_COMPLETE,
          null,
          before.properties(),
          reverted.attributes(),
          false);
      return true;
    } catch (AwsException e) {
      run.resource(
          id,
          now.type(),
          now.physicalId(),
          ResourceStatus.UPDATE_FAILED,
          ResourceFailure.reason(now.type(), e),
          now.properties(),
          now.attributes(),
          false);
      return false;
    }
  }

  /** {@code stack} with the template, parameters, tags, capabilities and role of {@code from}. */
  static Stack withDefinition(Stack stack, Stack from) {
    return new Stack(
        stack.stackId(),
        stack.account(),
        stack.region(),
        stack.name(),
        stack.status(),
        stack.statusReason(),
        from.template(),
        from.description(),
        from.parameters(),
        from.capabilities(),
        from.roleArn(),
        from.tags(),
        stack.outputs(),
        from.disableRollback(),
        from.changeSetId(),
        stack.created(),
        from.lastUpdated(),
        stack.deleted());
  }
}
