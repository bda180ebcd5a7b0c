#!/usr/bin/env bash
# Client side of the Kafka provider: nothing to install. librdkafka comes with the librdkafka.redist NuGet package
# (restored with the build; Confluent.Kafka loads its bundled centos8 build on Debian, which lacks libsasl2.so.3), so
# Debian's librdkafka1 and the libdl.so link earlier versions of this step made are no longer used.
# No broker is installed (none is packaged here): the [KafkaFact] tests run on librdkafka's in-process mock cluster,
# or against a real broker when STREAMORLEANS_KAFKA_BOOTSTRAP=host:port names one.
set -euo pipefail
echo "    kafka: nothing to install (librdkafka comes from the librdkafka.redist package; tests use its mock cluster)"
