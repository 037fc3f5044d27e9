package ferry.s3;

import org.jspecify.annotations.Nullable;

/** What DeleteObject answers: the version it removed or created, and whether that is a marker. */
public record DeleteObjectResult(@Nullable String versionId, boolean deleteMarker) {}
