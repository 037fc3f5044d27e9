package ferry.iam.wire;

import static ferry.iam.wire.IamApi.page;
import static ferry.iam.wire.IamApi.refuse;

import ferry.iam.PolicySimulator;
import ferry.protocol.ApiRequest;
import ferry.protocol.Xml;
import ferry.protocol.query.QueryParameters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The query binding of IAM's policy simulator: SimulatePrincipalPolicy, SimulateCustomPolicy. */
final class SimulatorApi {
  private final PolicySimulator simulator;

  SimulatorApi(PolicySimulator simulator) {
    this.simulator = simulator;
  }

  Xml simulatePrincipalPolicy(QueryParameters p, ApiRequest r) {
    return simulation(
        refuse(p, "SimulatePrincipalPolicy", "CallerArn"),
        simulator.simulatePrincipalPolicy(
            r.caller(), p.required("PolicySourceArn"), simulationRequest(p)));
  }

  Xml simulateCustomPolicy(QueryParameters p, ApiRequest r) {
    return simulation(
        p,
        simulator.simulateCustomPolicy(r.caller(), p.optional("CallerArn"), simulationRequest(p)));
  }

  private static PolicySimulator.SimulationRequest simulationRequest(QueryParameters p) {
    // The simulator evaluates identity policies and context only; these would change its answer.
    refuse(
        p,
        p.optional("PolicySourceArn") == null ? "SimulateCustomPolicy" : "SimulatePrincipalPolicy",
        "PermissionsBoundaryPolicyInputList",
        "ResourcePolicy",
        "ResourceOwner",
        "ResourceHandlingOption");
    Map<String, List<String>> context = new LinkedHashMap<>();
    for (int i = 1; p.optional("ContextEntries.member." + i + ".ContextKeyName") != null; i++) {
      String prefix = "ContextEntries.member." + i;
      context.put(p.required(prefix + ".ContextKeyName"), p.list(prefix + ".ContextKeyValues"));
    }
    return new PolicySimulator.SimulationRequest(
        p.list("ActionNames"), p.list("ResourceArns"), p.list("PolicyInputList"), context);
  }

  private static Xml simulation(QueryParameters p, List<PolicySimulator.SimulationResult> results) {
    return page(
        p,
        results,
        "EvaluationResults",
        (xml, result) -> {
          xml.open("member")
              .element("EvalActionName", result.actionName())
              .element("EvalResourceName", result.resourceName())
              .element("EvalDecision", result.decision())
              .open("MatchedStatements");
          for (PolicySimulator.MatchedStatement statement : result.matchedStatements()) {
            xml.open("member")
                .element("SourcePolicyId", statement.sourcePolicyId())
                .element("SourcePolicyType", statement.sourcePolicyType())
                .close("member");
          }
          xml.close("MatchedStatements")
              .open("MissingContextValues")
              .close("MissingContextValues")
              .close("member");
        });
  }
}
