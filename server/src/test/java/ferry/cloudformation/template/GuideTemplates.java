package ferry.cloudformation.template;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The guide's templates under {@code src/test/resources/ferry/cloudformation/template/}. */
final class GuideTemplates {
  private GuideTemplates() {}

  static String text(String name) {
    try (InputStream in = GuideTemplates.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalArgumentException("no test template " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static Template read(String name) {
    return TemplateReader.read(text(name));
  }
}
