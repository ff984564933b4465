// Package provisioning holds the static tests of the docker-compose stack and its configuration
// (docker-compose.yaml, Dockerfile, provisioning/{alloy,mimir,grafana}, secrets/). No Docker engine, Grafana,
// Alloy or Mimir runs on the test machines, so these tests check what can be checked without them, with the
// real parsers: compose-go's loader (Compose specification schema), Alloy's own syntax parser and evaluator.
// The credentials service's script (provisioning/credentials/init.sh) does run, for real, in temporary
// directories: with the host's sh and with busybox (Debian packages apache2-utils and busybox).
package provisioning
