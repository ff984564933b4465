package provisioning

import (
	"net"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/compose-spec/compose-go/v2/types"
)

type mimirConfig struct {
	MultitenancyEnabled *bool `yaml:"multitenancy_enabled"`
	Server              struct {
		HTTPListenPort int `yaml:"http_listen_port"`
	} `yaml:"server"`
	BlocksStorage struct {
		Backend    string `yaml:"backend"`
		Filesystem struct {
			Dir string `yaml:"dir"`
		} `yaml:"filesystem"`
		TSDB struct {
			Dir string `yaml:"dir"`
		} `yaml:"tsdb"`
		BucketStore struct {
			SyncDir string `yaml:"sync_dir"`
		} `yaml:"bucket_store"`
	} `yaml:"blocks_storage"`
	Compactor struct {
		DataDir string `yaml:"data_dir"`
	} `yaml:"compactor"`
	RulerStorage struct {
		Filesystem struct {
			Dir string `yaml:"dir"`
		} `yaml:"filesystem"`
	} `yaml:"ruler_storage"`
	ActivityTracker struct {
		Filepath string `yaml:"filepath"`
	} `yaml:"activity_tracker"`
	Limits struct {
		OTelMetricSuffixesEnabled      *bool  `yaml:"otel_metric_suffixes_enabled"`
		PromoteOTelResourceAttributes  string `yaml:"promote_otel_resource_attributes"`
		CompactorBlocksRetentionPeriod string `yaml:"compactor_blocks_retention_period"`
	} `yaml:"limits"`
}

func mimir(t *testing.T) mimirConfig {
	var c mimirConfig
	readYAML(t, "provisioning/mimir/mimir.yaml", &c)
	return c
}

// assertMimirAddress: host:port names the compose service "mimir" and the port Mimir listens on.
func assertMimirAddress(t *testing.T, what, hostport string) {
	t.Helper()
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		t.Errorf("%s: %q: %v", what, hostport, err)
		return
	}
	if want := strconv.Itoa(mimir(t).Server.HTTPListenPort); host != "mimir" || port != want {
		t.Errorf("%s: %s, want mimir:%s (mimir.yaml server.http_listen_port)", what, hostport, want)
	}
}

func TestMimirIsMonolithicOnANamedVolumeWithOTLPSuffixesOff(t *testing.T) {
	c := mimir(t)
	if c.Server.HTTPListenPort != 9009 {
		t.Errorf("http_listen_port = %d; sources.md and the docs use 9009", c.Server.HTTPListenPort)
	}
	if c.MultitenancyEnabled == nil || !*c.MultitenancyEnabled {
		t.Error("multitenancy_enabled must be true: the tenant header is how every writer and reader is scoped")
	}
	if c.Limits.OTelMetricSuffixesEnabled == nil || *c.Limits.OTelMetricSuffixesEnabled {
		t.Error("limits.otel_metric_suffixes_enabled must be stated and false (Mimir's default)")
	}
	if !slices.Contains(strings.Split(c.Limits.PromoteOTelResourceAttributes, ","), "user.email") {
		t.Errorf("promote_otel_resource_attributes = %q, want user.email among them", c.Limits.PromoteOTelResourceAttributes)
	}
	if c.BlocksStorage.Backend != "filesystem" {
		t.Errorf("block storage backend = %q, want filesystem", c.BlocksStorage.Backend)
	}
	if c.Limits.CompactorBlocksRetentionPeriod != "" {
		t.Error("retention is set in mimir.yaml; it belongs to the compose command (MIMIR_RETENTION_PERIOD)")
	}

	m := service(t, loadCompose(t, nil), "mimir")
	dataMount := ""
	for _, v := range m.Volumes {
		if v.Type == types.VolumeTypeVolume {
			dataMount = v.Target
		}
	}
	if dataMount == "" {
		t.Fatal("mimir has no named volume")
	}
	for what, dir := range map[string]string{
		"blocks": c.BlocksStorage.Filesystem.Dir, "tsdb": c.BlocksStorage.TSDB.Dir, "bucket sync": c.BlocksStorage.BucketStore.SyncDir,
		"compactor": c.Compactor.DataDir, "rules": c.RulerStorage.Filesystem.Dir, "activity tracker": c.ActivityTracker.Filepath,
	} {
		if !strings.HasPrefix(dir, dataMount+"/") {
			t.Errorf("%s dir %q is not on the named volume mounted at %s: it would not survive down/up", what, dir, dataMount)
		}
	}
	cmd := []string(m.Command)
	if !slices.Contains(cmd, "-target=all") {
		t.Errorf("mimir command %v lacks -target=all (monolithic)", cmd)
	}
	configMounted := false
	for _, v := range m.Volumes {
		if slices.Contains(cmd, "-config.file="+v.Target) && strings.HasSuffix(v.Source, "/provisioning/mimir/mimir.yaml") {
			configMounted = true
		}
	}
	if !configMounted {
		t.Errorf("-config.file in %v is not the mounted provisioning/mimir/mimir.yaml", cmd)
	}
}

func TestMimirRetentionDefaultsTo400DaysAndFollowsTheEnvironment(t *testing.T) {
	for env, want := range map[string]string{"": "400d", "90d": "90d", "2y": "2y"} {
		vars := map[string]string{}
		if env != "" {
			vars["MIMIR_RETENTION_PERIOD"] = env
		}
		cmd := []string(service(t, loadCompose(t, vars), "mimir").Command)
		if !slices.Contains(cmd, "-compactor.blocks-retention-period="+want) {
			t.Errorf("MIMIR_RETENTION_PERIOD=%q: command %v, want retention %s", env, cmd, want)
		}
	}
}

func TestMimirIsNotPublishedBeyondLoopback(t *testing.T) {
	for _, name := range []string{"mimir"} {
		for _, p := range service(t, loadCompose(t, nil), name).Ports {
			if p.HostIP != "127.0.0.1" {
				t.Errorf("%s port %d is published on %q; it has no authentication", name, p.Target, p.HostIP)
			}
		}
	}
}
