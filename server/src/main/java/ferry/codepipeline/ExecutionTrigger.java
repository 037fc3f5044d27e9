package ferry.codepipeline;

/**
 * What started an execution: {@code CreatePipeline}, {@code StartPipelineExecution}, {@code
 * CloudWatchEvent} or {@code PollForSourceChanges}, with the ARN of who or what did.
 */
public record ExecutionTrigger(String triggerType, String triggerDetail) {}
