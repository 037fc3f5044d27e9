package ferry.codepipeline;

/**
 * Why an action failed: a failure type ({@code JobFailed}, {@code ConfigurationError}, {@code
 * PermissionError}, …) and a message.
 */
public record ErrorDetails(String code, String message) {}
