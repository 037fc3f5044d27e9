package ferry.codepipeline;

/** V1, or V2 with variables, triggers and the QUEUED and PARALLEL modes. */
public enum PipelineType {
  V1,
  V2
}
