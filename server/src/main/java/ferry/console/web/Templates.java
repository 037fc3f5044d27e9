package ferry.console.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.Utf8ByteOutput;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The console's jte templates, compiled to classes when Ferry is built, so nothing is compiled
 * while it runs; HTML output escapes every value.
 */
final class Templates {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);

  byte[] render(String template, Frame frame, @Nullable Object model) {
    Map<String, @Nullable Object> parameters = new HashMap<>();
    parameters.put("frame", frame);
    parameters.put("model", model);
    var output = new Utf8ByteOutput();
    engine.render(template, parameters, output);
    var bytes = new java.io.ByteArrayOutputStream(output.getContentLength());
    try {
      output.writeTo(bytes);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }
}
