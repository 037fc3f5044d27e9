package ferry.codepipeline.store;

import ferry.codepipeline.PipelineTag;
import ferry.store.Database;
import ferry.store.Sql;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Tags of pipelines, by ARN. */
public final class PipelineTagRepository {
  private final Database db;

  public PipelineTagRepository(Database db) {
    this.db = db;
  }

  public List<PipelineTag> tags(String arn) {
    return db.read(c ->
        Sql.list(
            c,
            "SELECT tag_key, tag_value FROM codepipeline_tags WHERE arn = ? ORDER BY seq",
            row -> new PipelineTag(row.getString(1), row.getString(2)),
            arn));
  }

  /**
   * Adds or replaces tags by key; false, storing nothing, if the pipeline would pass {@code max}.
   */
  public boolean tag(String arn, List<PipelineTag> tags, int max) {
    return db.write(c -> {
      // The count against the limit, the next seq and the write: one writer at a time, per
      // pipeline.
      db.dialect().lock(c, "codepipeline_tags/" + arn);
      Set<String> keys =
          new HashSet<>(
              Sql.list(
                  c,
                  "SELECT tag_key FROM codepipeline_tags WHERE arn = ?",
                  row -> row.getString(1),
                  arn));
      tags.forEach(t -> keys.add(t.key()));
      if (keys.size() > max) {
        return false;
      }
      long seq =
          Sql.count(c, "SELECT COALESCE(MAX(seq), 0) FROM codepipeline_tags WHERE arn = ?", arn);
      for (PipelineTag tag : tags) {
        int updated =
            Sql.update(
                c,
                "UPDATE codepipeline_tags SET tag_value = ? WHERE arn = ? AND tag_key = ?",
                tag.value(),
                arn,
                tag.key());
        if (updated == 0) {
          Sql.update(
              c,
              "INSERT INTO codepipeline_tags (arn, tag_key, tag_value, seq) VALUES (?, ?, ?, ?)",
              arn,
              tag.key(),
              tag.value(),
              ++seq);
        }
      }
      return true;
    });
  }

  public void untag(String arn, List<String> keys) {
    db.write(c -> {
      for (String key : keys) {
        Sql.update(c, "DELETE FROM codepipeline_tags WHERE arn = ? AND tag_key = ?", arn, key);
      }
      return null;
    });
  }
}
