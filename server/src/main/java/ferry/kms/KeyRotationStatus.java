package ferry.kms;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** GetKeyRotationStatus's answer; the period and next date only while rotation is enabled. */
public record KeyRotationStatus(
    String keyId,
    boolean keyRotationEnabled,
    @Nullable Integer rotationPeriodInDays,
    @Nullable Instant nextRotationDate) {}
