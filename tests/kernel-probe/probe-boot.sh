#!/bin/bash
# probe-boot.sh - boot Debian's own kernels under QEMU (TCG) with a busybox
# initramfs whose /init loads memviz_probe.ko, and store what the module
# reports in captured/KVER-VARIANT.txt.  Extends shared/tools/kernel-boot.sh
# (same layout: kernel console on ttyS0, data on ttyS1).
#
# Needs (Debian 12): qemu-system-x86 busybox-static cpio make gcc-12 and,
# for each kernel probed, linux-image-VER-amd64 and linux-headers-VER-amd64.
#
# Usage: tests/kernel-probe/probe-boot.sh [VER ...]
#   VER is an installed kernel release (a directory of /lib/modules, e.g.
#   6.1.0-57-amd64); default: every installed one.
#   Env: WORK (default /tmp/memviz-probe), OUT (default captured/ beside
#   this script), VARIANTS (boot option sets, see below), BOOT_TIMEOUT,
#   MEM and SMP (QEMU's -m and -smp, default 256M and 1; others add
#   "-MEM-SMPcpu" to the captured file's name), PROBE (which module of
#   module/ to build and load: module/PROBE.c, default memviz_probe; others
#   add "-PROBE" without "memviz_" to the name; each experiment set is its
#   own module so that it runs on a machine no other set has disturbed:
#   6.1's per-CPU lists remember earlier frees), DUMPS (more /proc files dumped before and after the module, each
#   line prefixed "NAME-before " / "NAME-after ", e.g. "pagetypeinfo
#   slabinfo").
set -u
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
WORK=${WORK:-/tmp/memviz-probe}
OUT=${OUT:-$HERE/captured}
BOOT_TIMEOUT=${BOOT_TIMEOUT:-300}
MEM=${MEM:-256M}
SMP=${SMP:-1}
SUFFIX=
[ "$MEM-$SMP" = 256M-1 ] || SUFFIX=-$MEM-${SMP}cpu
PROBE=${PROBE:-memviz_probe}
DUMPS=${DUMPS:-}
[ "$PROBE" = memviz_probe ] || SUFFIX=-${PROBE#memviz_}$SUFFIX
BUSYBOX=$(command -v busybox 2>/dev/null || echo /bin/busybox)
file -L "$BUSYBOX" | grep -q 'statically linked' || { echo "need a static busybox (busybox-static)"; exit 1; }
# name:kernel command line options.  "default" is the kernel as Debian
# ships it; the others are the boot options memviz models.
VARIANTS=${VARIANTS:-"default: init_on_alloc0:init_on_alloc=0 init_on_free1:init_on_alloc=0,init_on_free=1"}
mkdir -p "$WORK" "$OUT"

write_init() {
cat <<EOF
#!/bin/sh
PROBE='$PROBE'
DUMPS='$DUMPS'
EOF
cat <<'EOF'
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
stty -F /dev/ttyS1 115200 raw -echo -opost 2>/dev/null
exec 3>/dev/ttyS1
echo "=== BEGIN start" >&3
echo "version $(cat /proc/version)" >&3
echo "cmdline $(cat /proc/cmdline)" >&3
dmesg | sed -n 's/^\[[ 0-9.]*\] //; /mem auto-init/p' >&3
# the memory map and what memblock kept back, for captured/zoneinfo-*.txt
dmesg | sed -n 's/^\[[ 0-9.]*\] //; /BIOS-e820\|Memory: \|zonelists\|Zone ranges\|^  DMA\|^  Normal\|node   0: \|On node 0\|percpu: Embedded\|Total pages/s/^/dmesg /p' >&3
sed -n 's/^MemTotal:/meminfo MemTotal:/p' /proc/meminfo >&3
echo "slab-sysfs kmalloc-1k object_size=$(cat /sys/kernel/slab/kmalloc-1k/object_size) order=$(cat /sys/kernel/slab/kmalloc-1k/order) objs_per_slab=$(cat /sys/kernel/slab/kmalloc-1k/objs_per_slab)" >&3
sed 's/^/zoneinfo-before /' /proc/zoneinfo >&3
sed 's/^/buddyinfo-before /' /proc/buddyinfo >&3
for d in $DUMPS; do sed "s/^/$d-before /" /proc/$d >&3; done
insmod /$PROBE.ko 2>/dev/null
dmesg | sed -n 's/.*memviz-probe: //p' >&3
sed 's/^/buddyinfo-after /' /proc/buddyinfo >&3
for d in $DUMPS; do sed "s/^/$d-after /" /proc/$d >&3; done
sed 's/^/zoneinfo-after /' /proc/zoneinfo >&3
echo "=== BEGIN done" >&3
exec 3>&-
sleep 1
poweroff -f
EOF
}

build_module() { # $1 = kernel release
  local b=$WORK/build-$1
  rm -rf "$b"; mkdir -p "$b"
  cp "$HERE/module/$PROBE.c" "$b/"
  cp "$HERE"/module/*.h "$b/" 2>/dev/null
  echo "obj-m := $PROBE.o" > "$b/Kbuild"
  make -s -C "/lib/modules/$1/build" M="$b" modules >"$b/build.log" 2>&1 ||
    { cat "$b/build.log"; return 1; }
}

build_initrd() { # $1 = kernel release
  local root=$WORK/root-$1
  rm -rf "$root"; mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp}
  cp "$BUSYBOX" "$root/bin/busybox"
  for a in $("$root/bin/busybox" --list); do
    [ "$a" = busybox ] || ln -sf busybox "$root/bin/$a"
  done
  mknod -m 600 "$root/dev/console" c 5 1
  mknod -m 666 "$root/dev/null" c 1 3
  cp "$WORK/build-$1/$PROBE.ko" "$root/"
  write_init > "$root/init"; chmod 755 "$root/init"
  (cd "$root" && find . | cpio -o -H newc --quiet | gzip -9) > "$WORK/initrd-$1.img"
}

# boot RELEASE VARIANT-NAME OPTIONS: one QEMU run, its ttyS1 kept as text.
boot() {
  local rel=$1 name=$2 opts=$3 d=$WORK/run-$1-$2
  local short=$(echo "$rel" | sed -n 's/^\([0-9]*\.[0-9]*\).*/\1/p')
  local append="console=ttyS0 panic=-1 quiet${opts:+ $opts}"
  rm -rf "$d"; mkdir -p "$d"
  (cd "$d" && timeout "$BOOT_TIMEOUT" qemu-system-x86_64 -machine q35 -cpu max \
      -nographic -no-reboot -kernel "/boot/vmlinuz-$rel" -initrd "$WORK/initrd-$rel.img" \
      -append "$append" -m "$MEM" -smp "$SMP" -serial mon:stdio -serial file:data.txt \
      </dev/null >console.txt 2>qemu-stderr.txt)
  if ! grep -q '^=== BEGIN done' "$d/data.txt" 2>/dev/null; then
    echo "$rel $name: FAILED (see $d/console.txt)"; return 1
  fi
  tr -d '\r' < "$d/data.txt" | sed -n '/^=== BEGIN start/,/^=== BEGIN done/{/^===/d;p}' \
    > "$OUT/$short-$name$SUFFIX.txt"
  echo "$rel $name: $OUT/$short-$name$SUFFIX.txt"
}

RELS=("$@")
[ ${#RELS[@]} -eq 0 ] && RELS=($(ls /lib/modules | sort -V))
for rel in "${RELS[@]}"; do
  build_module "$rel" && build_initrd "$rel" || exit 1
  for v in $VARIANTS; do
    boot "$rel" "${v%%:*}" "$(echo "${v#*:}" | tr , ' ')"
  done
done
