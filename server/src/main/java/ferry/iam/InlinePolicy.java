package ferry.iam;

/** A policy embedded in one user or role, known by its name there. */
public record InlinePolicy(String name, String document) {}
