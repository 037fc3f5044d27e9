package ferry.cli;

/**
 * Makes a Ferry process use the JDK's built-in English locale data instead of the CLDR tables of
 * every locale the JDK knows. Ferry writes English only: AWS's wire formats name their own locale
 * ({@code Locale.US} for the dates in STS and IAM answers, {@code Locale.ROOT} elsewhere), and its
 * console and messages are in English. Yet Jetty's MIME table and the SQLite driver's date format
 * ask for the list of all available locales once, and building it from the CLDR tables (about a
 * thousand language tags, each parsed) cost every {@code ferry serve} about 0.1 s of its start,
 * measured in alternated starts.
 *
 * <p>With the providers set to {@code SPI}, the JDK looks for locale providers installed on the
 * class path (Ferry ships none) and then its fallback adapter, whose English data is built into
 * {@code java.base}: the same month and day names, AM/PM markers and digits. Only the JDK's
 * localized styles ({@code DateTimeFormatter.ofLocalizedDateTime}) read slightly differently from
 * CLDR's, and Ferry formats with patterns instead. A process started with its own {@code
 * -Djava.locale.providers} keeps it.
 */
final class EnglishLocaleData {
  private static final String PROVIDERS = "java.locale.providers";

  private EnglishLocaleData() {}

  /** Must run before anything formats or lists locales: first in {@code main}. */
  static void use() {
    if (System.getProperty(PROVIDERS) == null) {
      System.setProperty(PROVIDERS, "SPI");
    }
  }
}
