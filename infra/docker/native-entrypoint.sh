#!/busybox/sh
# The native image's entrypoint (infra/docker/Dockerfile.native): starts the native executable with the container's
# memory limit as the memory it sizes its heap from (-XX:MaxRAM, in bytes), and every argument passed on after it, so
# that an -Xmx of the deployer's still wins. GraalVM's own executables read the cgroup limit themselves; one built
# where the container support is a stand-in (see docs/deploy.md) would otherwise size its heap from the host's memory
# and be killed for it. Without a limit (cgroup v2 "max", or v1's page-rounded 2^63) nothing is added.
limit=$(cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || true)
case $limit in
  '' | max | *[!0-9]* | ?????????????????*) exec /app/sensor-functions "$@" ;;
esac
exec /app/sensor-functions -XX:MaxRAM="$limit" "$@"
