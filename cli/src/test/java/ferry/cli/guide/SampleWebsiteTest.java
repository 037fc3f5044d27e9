package ferry.cli.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SampleWebsiteTest {

  @Test
  void zip_holdsTwoPages_aStyleSheet_andAnImage() throws IOException {
    List<String> names = new ArrayList<>();
    try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(SampleWebsite.zip()))) {
      for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
        names.add(entry.getName());
        assertThat(zip.readAllBytes()).isEqualTo(SampleWebsite.files().get(entry.getName()));
      }
    }
    assertThat(names)
        .containsExactly("index.html", "error.html", "css/style.css", "images/ferry.png");
  }

  @Test
  void image_isAValidPng() throws IOException {
    var image = ImageIO.read(new ByteArrayInputStream(SampleWebsite.png(16, 16)));

    assertThat(image.getWidth()).isEqualTo(16);
    assertThat(image.getHeight()).isEqualTo(16);
  }
}
