package io.migratepages.numanodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumaNodeUniverseTest {

  @Test
  void readsOnlineAndHasMemoryFromASysfsNodeDirectory(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("online"), "0,2,5\n");
    Files.writeString(dir.resolve("has_memory"), "0,5\n");
    NumaNodeUniverse universe = NumaNodeUniverse.readFrom(dir);
    assertThat(universe.online()).isEqualTo(NumaNodeSet.of(0, 2, 5));
    assertThat(universe.withMemory()).isEqualTo(NumaNodeSet.of(0, 5));
    assertThat(universe).isEqualTo(NumaNodeUniverse.of("0,2,5", "0,5"));
  }

  @Test
  void missingSysfsFileIsAnIoError(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("online"), "0\n");
    assertThatThrownBy(() -> NumaNodeUniverse.readFrom(dir))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("has_memory");
  }

  @Test
  void memoryNodesAreOnlineNodesWithMemory() {
    assertThat(NumaNodeUniverse.of("0-3", "0-1,3").memoryNodes().toString()).isEqualTo("0-1,3");
    assertThat(NumaNodeUniverse.of("0-1", "0-3").memoryNodes().toString()).isEqualTo("0-1");
  }
}
