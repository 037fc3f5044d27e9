package ferry.events.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import ferry.aws.AccountId;
import ferry.aws.Region;
import ferry.events.InputTransformer;
import ferry.events.Rule;
import ferry.events.RuleState;
import ferry.events.Target;
import ferry.store.Database;
import ferry.store.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** EventBridge rules and their targets in the metadata database. */
public final class RuleRepository {
  private static final String RULE_COLUMNS =
      "account_id, region, event_bus, name, event_pattern, schedule_expression, state,"
          + " description, role_arn, created";
  private static final String KEY = "account_id = ? AND region = ? AND event_bus = ?";

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final Database db;

  public RuleRepository(Database db) {
    this.db = db;
  }

  public Optional<Rule> find(AccountId account, Region region, String bus, String name) {
    return db.read(c -> find(c, account, region, bus, name));
  }

  private static Optional<Rule> find(
      Connection c, AccountId account, Region region, String bus, String name) throws SQLException {
    return Sql.one(
        c,
        "SELECT " + RULE_COLUMNS + " FROM events_rules WHERE " + KEY + " AND name = ?",
        RuleRepository::rule,
        account.value(),
        region.name(),
        bus,
        name);
  }

  /** Creates or replaces a rule, keeping its creation time. */
  public void upsert(Rule rule) {
    db.write(c -> {
      Optional<Rule> existing =
          find(c, rule.account(), rule.region(), rule.eventBus(), rule.name());
      if (existing.isPresent()) {
        return Sql.update(
            c,
            "UPDATE events_rules SET event_pattern = ?, schedule_expression = ?, state = ?,"
                + " description = ?, role_arn = ? WHERE "
                + KEY
                + " AND name = ?",
            rule.eventPattern(),
            rule.scheduleExpression(),
            rule.state(),
            rule.description(),
            rule.roleArn(),
            rule.account().value(),
            rule.region().name(),
            rule.eventBus(),
            rule.name());
      }
      return Sql.update(
          c,
          "INSERT INTO events_rules (" + RULE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
          rule.account().value(),
          rule.region().name(),
          rule.eventBus(),
          rule.name(),
          rule.eventPattern(),
          rule.scheduleExpression(),
          rule.state(),
          rule.description(),
          rule.roleArn(),
          rule.created());
    });
  }

  public List<Rule> list(AccountId account, Region region, String bus, String namePrefix) {
    return db
        .read(c ->
            Sql.list(
                c,
                "SELECT " + RULE_COLUMNS + " FROM events_rules WHERE " + KEY + " ORDER BY name",
                RuleRepository::rule,
                account.value(),
                region.name(),
                bus))
        .stream()
        .filter(rule -> rule.name().startsWith(namePrefix))
        .toList();
  }

  /** Rules whose names a target's ARN appears under. */
  public List<String> ruleNamesByTarget(AccountId account, Region region, String bus, String arn) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT DISTINCT rule_name FROM events_targets WHERE "
                + KEY
                + " AND arn = ? ORDER BY rule_name",
            row -> row.getString(1),
            account.value(),
            region.name(),
            bus,
            arn));
  }

  public void delete(AccountId account, Region region, String bus, String name) {
    db.write(c ->
        Sql.update(
            c,
            "DELETE FROM events_rules WHERE " + KEY + " AND name = ?",
            account.value(),
            region.name(),
            bus,
            name));
  }

  public void setState(AccountId account, Region region, String bus, String name, RuleState state) {
    db.write(c ->
        Sql.update(
            c,
            "UPDATE events_rules SET state = ? WHERE " + KEY + " AND name = ?",
            state,
            account.value(),
            region.name(),
            bus,
            name));
  }

  public List<Target> targets(AccountId account, Region region, String bus, String rule) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT target_id, arn, role_arn, input, input_path, input_transformer FROM"
                + " events_targets WHERE "
                + KEY
                + " AND rule_name = ? ORDER BY seq",
            RuleRepository::target,
            account.value(),
            region.name(),
            bus,
            rule));
  }

  /** Adds or replaces targets by id. */
  public void putTargets(
      AccountId account, Region region, String bus, String rule, List<Target> targets) {
    db.write(c -> {
      db.dialect().lock(c, "events_targets");
      long seq = Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM events_targets");
      for (Target target : targets) {
        Sql.update(
            c,
            "DELETE FROM events_targets WHERE " + KEY + " AND rule_name = ? AND target_id = ?",
            account.value(),
            region.name(),
            bus,
            rule,
            target.id());
        Sql.update(
            c,
            "INSERT INTO events_targets (account_id, region, event_bus, rule_name, target_id, arn,"
                + " role_arn, input, input_path, input_transformer, seq) VALUES (?, ?, ?, ?, ?, ?,"
                + " ?, ?, ?, ?, ?)",
            account.value(),
            region.name(),
            bus,
            rule,
            target.id(),
            target.arn(),
            target.roleArn(),
            target.input(),
            target.inputPath(),
            transformerJson(target.inputTransformer()),
            ++seq);
      }
      return null;
    });
  }

  /** Removes targets by id; returns the ids that were there. */
  public List<String> removeTargets(
      AccountId account, Region region, String bus, String rule, List<String> ids) {
    return db.write(c -> {
      List<String> removed = new java.util.ArrayList<>();
      for (String id : ids) {
        int count =
            Sql.update(
                c,
                "DELETE FROM events_targets WHERE " + KEY + " AND rule_name = ? AND target_id = ?",
                account.value(),
                region.name(),
                bus,
                rule,
                id);
        if (count > 0) {
          removed.add(id);
        }
      }
      return removed;
    });
  }

  private static Rule rule(ResultSet row) throws SQLException {
    return new Rule(
        AccountId.of(row.getString("account_id")),
        Region.of(row.getString("region")),
        row.getString("event_bus"),
        row.getString("name"),
        row.getString("event_pattern"),
        row.getString("schedule_expression"),
        RuleState.valueOf(row.getString("state")),
        row.getString("description"),
        row.getString("role_arn"),
        Objects.requireNonNull(Sql.instant(row, "created"), "created"));
  }

  private static Target target(ResultSet row) throws SQLException {
    return new Target(
        row.getString("target_id"),
        row.getString("arn"),
        row.getString("role_arn"),
        row.getString("input"),
        row.getString("input_path"),
        transformer(row.getString("input_transformer")));
  }

  private static @Nullable String transformerJson(@Nullable InputTransformer transformer) {
    if (transformer == null) {
      return null;
    }
    ObjectNode json = MAPPER.createObjectNode();
    ObjectNode paths = json.putObject("InputPathsMap");
    transformer.inputPathsMap().forEach(paths::put);
    json.put("InputTemplate", transformer.inputTemplate());
    return json.toString();
  }

  private static @Nullable InputTransformer transformer(@Nullable String text) {
    if (text == null) {
      return null;
    }
    try {
      JsonNode json = MAPPER.readTree(text);
      Map<String, String> paths = new LinkedHashMap<>();
      json.path("InputPathsMap")
          .properties()
          .forEach(e -> paths.put(e.getKey(), e.getValue().asText()));
      return new InputTransformer(paths, json.path("InputTemplate").asText());
    } catch (JacksonException e) {
      throw new IllegalStateException("A stored InputTransformer is JSON", e);
    }
  }
}
