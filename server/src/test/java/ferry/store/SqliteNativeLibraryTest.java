package ferry.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.LibraryLoaderUtil;

class SqliteNativeLibraryTest {
  @TempDir Path data;

  @Test
  void extractsTheJarsLibraryUnderAFolderNamedByTheVersion() throws Exception {
    Path library = SqliteNativeLibrary.libraryIn(data);

    assertThat(SqliteNativeLibrary.extract(library)).isTrue();

    assertThat(library.getParent().getFileName())
        .hasToString("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion());
    String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + library.getFileName();
    try (var in = SQLiteJDBCLoader.class.getResourceAsStream(resource)) {
      assertThat(Files.readAllBytes(library)).isEqualTo(in.readAllBytes());
    }
    try (var files = Files.list(library.getParent())) {
      assertThat(files).containsExactly(library); // no partial copy left behind
    }
  }
}
