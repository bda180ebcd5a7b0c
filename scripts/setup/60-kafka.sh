#!/usr/bin/env bash
# Client side of the Kafka provider: Debian's librdkafka (Confluent.Kafka is referenced without its native redist) and
# a libdl.so -> libdl.so.2 link, because Confluent.Kafka's loader dlopen()s "libdl" and Debian 12 ships only libdl.so.2.
# No broker is installed (none is packaged here); broker tests run when STREAMORLEANS_KAFKA_BOOTSTRAP is set.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
apt_install librdkafka1
libdir=/usr/lib/x86_64-linux-gnu
if [ -e "$libdir/libdl.so.2" ] && [ ! -e "$libdir/libdl.so" ]; then
  echo "    kafka: linking $libdir/libdl.so -> libdl.so.2"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd ln -s libdl.so.2 "$libdir/libdl.so"
else
  echo "    kafka: libdl.so present"
fi
