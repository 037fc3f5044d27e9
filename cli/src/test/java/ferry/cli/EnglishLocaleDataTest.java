package ferry.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** A Ferry process takes the JDK's built-in English data, and its English reads the same. */
class EnglishLocaleDataTest {
  private static final String PROVIDERS = "java.locale.providers";

  @Test
  void use_choosesTheBuiltInData_unlessTheProcessChoseItsOwn() {
    String before = System.getProperty(PROVIDERS);
    try {
      System.clearProperty(PROVIDERS);
      EnglishLocaleData.use();
      assertThat(System.getProperty(PROVIDERS)).isEqualTo("SPI");

      System.setProperty(PROVIDERS, "CLDR");
      EnglishLocaleData.use();
      assertThat(System.getProperty(PROVIDERS)).isEqualTo("CLDR");
    } finally {
      if (before == null) {
        System.clearProperty(PROVIDERS);
      } else {
        System.setProperty(PROVIDERS, before);
      }
    }
  }

  /**
   * This JVM has the JDK's default CLDR data (a provider list is read once per JVM): a second JVM
   * with the built-in data writes the same text for the locale-dependent formats Ferry uses.
   */
  @Test
  void englishFormats_readTheSameWithTheBuiltInDataAsWithCldr()
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                List.of(
                    java,
                    "-D" + PROVIDERS + "=SPI",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Samples.class.getName()))
            .redirectErrorStream(true)
            .start();
    String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(child.waitFor()).isZero();

    assertThat(output).isEqualTo(Samples.text()).contains("Dec 5, 2026, 2:07:09 PM");
  }

  /** The samples, printed by the second JVM. */
  static final class Samples {
    static String text() {
      Instant when = Instant.parse("2026-12-05T14:07:09Z");
      Locale defaultLocale = Locale.getDefault();
      try {
        Locale.setDefault(Locale.US);
        return String.join(
            "\n",
            // STS's and IAM's CloudTrail response elements
            DateTimeFormatter.ofPattern("MMM d, yyyy, h:mm:ss a", Locale.US)
                .withZone(ZoneOffset.UTC)
                .format(when),
            DateTimeFormatter.RFC_1123_DATE_TIME.format(when.atOffset(ZoneOffset.UTC)),
            // the console's pages, the demo's narration, S3 event sequencers
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
                .withZone(ZoneOffset.UTC)
                .format(when),
            String.format("%.1f s %,d %016X", 1234.5 / 1000, 1_234_567, 48_879L),
            Locale.getDefault().getDisplayName(Locale.US));
      } finally {
        Locale.setDefault(defaultLocale);
      }
    }

    public static void main(String[] args) {
      System.out.print(text());
    }
  }
}
