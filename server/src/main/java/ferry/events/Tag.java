package ferry.events;

/** A tag of a rule or an event bus, {@code Key} and {@code Value} on the wire. */
public record Tag(String key, String value) {}
