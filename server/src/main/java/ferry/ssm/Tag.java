package ferry.ssm;

/** A parameter's tag, {@code Key} and {@code Value} on the wire. */
public record Tag(String key, String value) {}
