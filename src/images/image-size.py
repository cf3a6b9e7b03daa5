"""Prints an OCI image archive's reference, digest, layer count and sizes (uncompressed: the layers'
tar streams, what a runtime unpacks; compressed: the archive)."""
import gzip
import json
import os
import sys
import tarfile

path = sys.argv[1]
with tarfile.open(path) as archive:
    def blob(digest):
        return archive.extractfile("blobs/sha256/" + digest.split(":", 1)[1])

    index = json.load(archive.extractfile("index.json"))
    (descriptor,) = index["manifests"]
    manifest = json.load(blob(descriptor["digest"]))
    uncompressed = 0
    for layer in manifest["layers"]:
        with gzip.GzipFile(fileobj=blob(layer["digest"])) as stream:
            while chunk := stream.read(1 << 20):
                uncompressed += len(chunk)
mib = 1024 * 1024
print(
    f"images: {os.path.basename(path)}: {descriptor['annotations']['org.opencontainers.image.ref.name']} "
    f"{descriptor['digest']}, {len(manifest['layers'])} layers, "
    f"{uncompressed / mib:.1f} MiB uncompressed, {os.path.getsize(path) / mib:.1f} MiB archive"
)
