package ferry.console.web;

import org.jspecify.annotations.Nullable;

/**
 * An access-denied answer as the console shows it: the service's error code and message, and the
 * logged decision behind it with its explanation, when the log still holds it.
 */
public record Denial(
    String code, String message, @Nullable String decisionId, @Nullable String explanation) {}
