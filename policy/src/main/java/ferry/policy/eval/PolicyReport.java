package ferry.policy.eval;

import java.util.List;

/** One policy considered by a decision, with a report for each of its statements. */
public record PolicyReport(NamedPolicy policy, PolicyType type, List<StatementReport> statements) {
  public PolicyReport {
    statements = List.copyOf(statements);
  }
}
