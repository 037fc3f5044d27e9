package ferry.ssm;

/** PutParameter's output: the version written and its tier. */
public record PutParameterResult(long version, String tier) {}
