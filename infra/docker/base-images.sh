#!/usr/bin/env bash
# Local stand-ins for the images that infra/docker/Dockerfile and infra/compose.yaml pull, for a machine that reaches
# no image registry but has a Docker engine, root, apt's Debian mirror and the JDKs under /usr/lib/jvm:
#   infra/docker/base-images.sh          # then build with --build-arg JRE_IMAGE=... or BASE_IMAGE=... (docs/deploy.md)
# It builds, skipping any that exists unless REBUILD=true:
#   sensor-functions-base/debian:bookworm   debootstrap --variant=minbase from the mirror apt is configured with,
#                                           with curl (the images' HEALTHCHECKs) and ca-certificates
#   sensor-functions-base/temurin:25-jre    + Temurin 25, jlink'd to a JRE at /opt/java/openjdk, as eclipse-temurin
#   sensor-functions-base/temurin:17-jre    + OpenJDK 17 the same way (Kafka 3.9 supports Java 17, not 25)
#   sensor-functions-base/kafka:3.9.1       + Kafka 3.9.1's jars from Maven Central (infra/docker/kafka)
#   sensor-functions-base/distroless-cc:debug-nonroot
#                                           what gcr.io/distroless/cc-debian12:debug-nonroot holds, for
#                                           infra/docker/Dockerfile.native: glibc, libgcc, libstdc++, zlib and OpenSSL
#                                           from the Debian image, CA certificates, the nonroot user (65532), and
#                                           busybox at /busybox (the debug variant's shell, for the entrypoint and
#                                           the HEALTHCHECK), from the host's busybox-static
set -euo pipefail
cd "$(dirname "$0")/../.."

PREFIX=sensor-functions-base
JDK25=${JDK25:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1)}
JDK17=${JDK17:-/usr/lib/jvm/java-17-openjdk-amd64}
work=$(mktemp -d /var/tmp/sensor-functions-base.XXXXXX)
trap 'rm -rf "$work"' EXIT

exists() { [ "${REBUILD:-false}" != true ] && docker image inspect "$1" > /dev/null 2>&1; }

# The mirror apt already uses here (deb822 .sources or a one-line sources.list); never a host written in the repo.
mirror() {
  local uri
  uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$uri" ] || uri=$(awk '$1 == "deb" && $0 !~ /security/ {print ($2 ~ /^\[/ ? $3 : $2); exit}' /etc/apt/sources.list 2>/dev/null || true)
  [ -n "$uri" ] || { echo "no Debian mirror found in apt's sources" >&2; exit 1; }
  echo "$uri"
}

debian() {
  local image=$PREFIX/debian:bookworm
  exists "$image" && return
  command -v debootstrap > /dev/null || { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 1; }
  local rootfs=$work/rootfs
  debootstrap --variant=minbase --include=curl,ca-certificates bookworm "$rootfs" "$(mirror)" > "$work/debootstrap.log" \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  # What a base image does without: package caches and lists, documentation, locales but C.
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/usr/share/doc/* \
    "$rootfs"/usr/share/man/* "$rootfs"/usr/share/info/*
  find "$rootfs/usr/share/locale" -mindepth 1 -maxdepth 1 ! -name 'locale.alias' -exec rm -rf {} +
  tar -C "$rootfs" -c . | docker import -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' - "$image" > /dev/null
  echo "built $image" >&2
}

# A JRE of the modules a server needs (eclipse-temurin's JRE has these and more), with a default CDS archive.
jre() {
  local version=$1 jdk=$2 image=$PREFIX/temurin:$1-jre
  exists "$image" && return
  [ -x "$jdk/bin/jlink" ] || { echo "no JDK $version with jlink at $jdk" >&2; exit 1; }
  local wanted="java.se jdk.unsupported jdk.crypto.ec jdk.crypto.cryptoki jdk.charsets jdk.localedata jdk.zipfs
    jdk.management jdk.management.agent jdk.management.jfr jdk.jfr jdk.naming.dns jdk.net jdk.security.auth
    jdk.security.jgss jdk.httpserver jdk.jcmd jdk.attach"
  local available modules=""
  available=$("$jdk/bin/java" --list-modules | sed 's/@.*//')
  for module in $wanted; do
    grep -qx "$module" <<<"$available" && modules+="${modules:+,}$module"
  done
  mkdir -p "$work/jre-$version"
  "$jdk/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
    --generate-cds-archive --output "$work/jre-$version/openjdk"
  cat > "$work/jre-$version/Dockerfile" <<DOCKERFILE
FROM $PREFIX/debian:bookworm
COPY openjdk /opt/java/openjdk
ENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
DOCKERFILE
  docker build -q -t "$image" "$work/jre-$version" > /dev/null
  echo "built $image" >&2
}

kafka() {
  local image=$PREFIX/kafka:3.9.1
  exists "$image" && return
  ./mvnw -q -B -f infra/docker/kafka/pom.xml package
  docker build -q --build-arg JRE_IMAGE=$PREFIX/temurin:17-jre -t "$image" infra/docker/kafka > /dev/null
  echo "built $image" >&2
}

# The shared libraries a GraalVM native executable links against, and no package manager, shell or coreutils but
# busybox's, as distroless' cc image: what native-image's executables need and little else.
distroless_cc() {
  local image=$PREFIX/distroless-cc:debug-nonroot busybox
  exists "$image" && return
  busybox=$(command -v busybox || true)
  [ -n "$busybox" ] && ! ldd "$busybox" > /dev/null 2>&1 \
    || { echo "a static busybox is missing: apt-get install busybox-static" >&2; exit 1; }
  mkdir -p "$work/cc"
  cp "$busybox" "$work/cc/busybox"
  cat > "$work/cc/Dockerfile" <<DOCKERFILE
FROM $PREFIX/debian:bookworm AS rootfs
COPY busybox /rootfs/busybox/busybox
RUN set -e; mkdir -p /rootfs/tmp /rootfs/etc/ssl/certs /rootfs/home/nonroot; chmod 1777 /rootfs/tmp; \\
  for package in libc6 libgcc-s1 libstdc++6 zlib1g libssl3; do dpkg -L "\$package"; done \\
    | grep -v -e '^/usr/share/doc' -e '^/usr/share/man' -e '^/usr/share/lintian' -e '^/usr/share/locale' \\
    | while read -r path; do [ -d "\$path" ] || cp -a --parents "\$path" /rootfs; done; \\
  cp /etc/ssl/certs/ca-certificates.crt /rootfs/etc/ssl/certs/; \\
  printf 'root:x:0:0:root:/root:/sbin/nologin\\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\\nnonroot:x:65532:65532:nonroot:/home/nonroot:/sbin/nologin\\n' > /rootfs/etc/passwd; \\
  printf 'root:x:0:\\nnobody:x:65534:\\nnonroot:x:65532:\\n' > /rootfs/etc/group; \\
  chown 65532:65532 /rootfs/home/nonroot; \\
  for applet in \$(/rootfs/busybox/busybox --list); do [ "\$applet" = busybox ] || ln -s busybox "/rootfs/busybox/\$applet"; done
FROM scratch
COPY --from=rootfs /rootfs/ /
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/busybox SSL_CERT_FILE=/etc/ssl/certs/ca-certificates.crt
USER 65532
WORKDIR /home/nonroot
ENTRYPOINT ["/busybox/sh"]
DOCKERFILE
  docker build -q -t "$image" "$work/cc" > /dev/null
  echo "built $image" >&2
}

debian
distroless_cc
jre 25 "$JDK25"
jre 17 "$JDK17"
kafka
docker image ls "$PREFIX/*" --format '{{.Repository}}:{{.Tag}} {{.Size}}'
