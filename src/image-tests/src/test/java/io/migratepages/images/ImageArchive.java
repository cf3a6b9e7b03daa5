package io.migratepages.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An OCI image archive (an OCI image layout in a tar) as src/images/build writes it, read the way a
 * runtime reads it: index.json, the manifest it names, the config and the layers, all by digest.
 */
final class ImageArchive {

  private static final ObjectMapper JSON = new ObjectMapper();

  final Path path;
  final String refName;
  final String digest;
  final JsonNode manifest;
  final JsonNode config;
  private final Map<String, byte[]> blobs;

  private ImageArchive(Path path, Map<String, byte[]> entries) throws IOException {
    this.path = path;
    this.blobs = entries;
    JsonNode index = JSON.readTree(required(entries, "index.json"));
    JsonNode descriptors = index.path("manifests");
    if (descriptors.size() != 1) {
      throw new IllegalStateException(
          path + ": index.json lists " + descriptors.size() + " images, expected 1");
    }
    JsonNode descriptor = descriptors.get(0);
    this.refName =
        descriptor.path("annotations").path("org.opencontainers.image.ref.name").asText();
    this.digest = descriptor.path("digest").asText();
    this.manifest = JSON.readTree(blob(digest));
    this.config = JSON.readTree(blob(manifest.path("config").path("digest").asText()));
  }

  /** The archive of an image in the directory the build writes to; fails if it is missing. */
  static ImageArchive named(String fileName) {
    Path file = Path.of(System.getProperty("migratepages.images.dir"), fileName);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException(
          file
              + " is missing: the images are built by src/images/build (run by this module in mvn package)");
    }
    return read(file);
  }

  static ImageArchive read(Path file) {
    Map<String, byte[]> entries = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(file))) {
      for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
        if (entry.isFile()) {
          entries.put(entry.getName(), tar.readAllBytes());
        }
      }
      return new ImageArchive(file, entries);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The image config's "config" object: User, Entrypoint, Env, WorkingDir, ExposedPorts... */
  JsonNode runConfig() {
    return config.path("config");
  }

  List<String> entrypoint() {
    List<String> args = new ArrayList<>();
    runConfig().path("Entrypoint").forEach(a -> args.add(a.asText()));
    return args;
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode e : runConfig().path("Env")) {
      String s = e.asText();
      env.put(s.substring(0, s.indexOf('=')), s.substring(s.indexOf('=') + 1));
    }
    return env;
  }

  /** The bytes of every layer once unpacked (what the 150 MiB limit is about). */
  long uncompressedBytes() throws IOException {
    long total = 0;
    for (JsonNode layer : manifest.path("layers")) {
      try (InputStream in =
          new GZIPInputStream(
              new java.io.ByteArrayInputStream(blob(layer.path("digest").asText())))) {
        total += in.transferTo(java.io.OutputStream.nullOutputStream());
      }
    }
    return total;
  }

  /** The image's file system: every layer applied in order (the build writes no whiteouts). */
  Map<String, ImageFile> files() throws IOException {
    Map<String, ImageFile> files = new LinkedHashMap<>();
    for (JsonNode layer : manifest.path("layers")) {
      String mediaType = layer.path("mediaType").asText();
      if (!mediaType.equals("application/vnd.oci.image.layer.v1.tar+gzip")) {
        throw new IllegalStateException(path + ": unexpected layer media type " + mediaType);
      }
      try (TarArchiveInputStream tar =
          new TarArchiveInputStream(
              new GZIPInputStream(
                  new java.io.ByteArrayInputStream(blob(layer.path("digest").asText()))))) {
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
          String name = "/" + e.getName().replaceAll("/+$", "");
          if (name.contains("/.wh.")) {
            throw new IllegalStateException(path + ": whiteout " + name);
          }
          byte[] content = e.isFile() ? tar.readAllBytes() : new byte[0];
          files.put(
              name,
              new ImageFile(
                  name,
                  e.getMode(),
                  e.getLongUserId(),
                  e.getLongGroupId(),
                  e.isDirectory(),
                  e.isSymbolicLink(),
                  e.isLink(),
                  e.getLinkName(),
                  content,
                  e.getModTime().getTime() / 1000));
        }
      }
    }
    return files;
  }

  /** Unpacks every layer, in order, into ROOTFS with their owners and modes (GNU tar, as root). */
  void unpackTo(Path rootfs) throws IOException, InterruptedException {
    Files.createDirectories(rootfs);
    for (JsonNode layer : manifest.path("layers")) {
      Path blob = Files.createTempFile(rootfs.getParent(), "layer", ".tar.gz");
      try {
        Files.write(blob, blob(layer.path("digest").asText()));
        Process tar =
            new ProcessBuilder(
                    "tar",
                    "-xzf",
                    blob.toString(),
                    "-C",
                    rootfs.toString(),
                    "--same-owner",
                    "--numeric-owner")
                .redirectErrorStream(true)
                .start();
        String output = new String(tar.getInputStream().readAllBytes());
        if (tar.waitFor() != 0) {
          throw new IllegalStateException(
              "tar could not unpack a layer of " + path + ": " + output);
        }
      } finally {
        Files.deleteIfExists(blob);
      }
    }
  }

  byte[] blob(String digest) {
    if (!digest.startsWith("sha256:")) {
      throw new IllegalStateException(path + ": digest " + digest + " is not sha256");
    }
    return required(blobs, "blobs/sha256/" + digest.substring("sha256:".length()));
  }

  private byte[] required(Map<String, byte[]> entries, String name) {
    byte[] bytes = entries.get(name);
    if (bytes == null) {
      throw new IllegalStateException(path + " has no " + name);
    }
    return bytes;
  }

  /** One entry of the image's file system. */
  record ImageFile(
      String path,
      int mode,
      long uid,
      long gid,
      boolean directory,
      boolean symlink,
      boolean hardlink,
      String linkTarget,
      byte[] content,
      long mtimeSeconds) {

    boolean regular() {
      return !directory && !symlink && !hardlink;
    }

    boolean setuidOrSetgid() {
      return (mode & 06000) != 0;
    }

    boolean writableByOthers() {
      return !symlink && (mode & 0022) != 0;
    }
  }
}
