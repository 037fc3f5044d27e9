package ferry.codepipeline;

/** How executions share a pipeline's stages. */
public enum ExecutionMode {
  QUEUED,
  SUPERSEDED,
  PARALLEL
}
