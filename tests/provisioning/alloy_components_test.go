package provisioning

import "github.com/seatmeter/seatmeter/tests/provisioning/ottlsync"

// The Alloy components the pipeline may use (sources.md §6) and, for each, the arguments and blocks it may set:
// a subset of Alloy v1.19's reference (docs/sources/reference/components/otelcol/*.md in grafana/alloy).
// Decoding a block with Alloy's own evaluator into these structs fails on anything not listed here.
// Capsule references (handlers, consumers) evaluate to strings naming the referenced export.

type outputBlock struct {
	Metrics []string `alloy:"metrics,attr,optional"`
	Logs    []string `alloy:"logs,attr,optional"`
	Traces  []string `alloy:"traces,attr,optional"`
}

type authBasicArgs struct {
	Htpasswd *struct {
		File   string `alloy:"file,attr,optional"`
		Inline string `alloy:"inline,attr,optional"`
	} `alloy:"htpasswd,block,optional"`
	ClientAuth *struct {
		Username     string `alloy:"username,attr,optional"`
		UsernameFile string `alloy:"username_file,attr,optional"`
		PasswordFile string `alloy:"password_file,attr,optional"`
	} `alloy:"client_auth,block,optional"`
}

type receiverServer struct {
	Endpoint         string `alloy:"endpoint,attr,optional"`
	Auth             string `alloy:"auth,attr,optional"`
	MaxRecvMsgSize   string `alloy:"max_recv_msg_size,attr,optional"`
	MaxRequestBody   string `alloy:"max_request_body_size,attr,optional"`
	IncludeMetadata  bool   `alloy:"include_metadata,attr,optional"`
	TransportOrEmpty string `alloy:"transport,attr,optional"`
}

type receiverOTLPArgs struct {
	GRPC   *receiverServer `alloy:"grpc,block,optional"`
	HTTP   *receiverServer `alloy:"http,block,optional"`
	Output outputBlock     `alloy:"output,block"`
}

type deltaToCumulativeArgs struct {
	MaxStale   string      `alloy:"max_stale,attr,optional"`
	MaxStreams int         `alloy:"max_streams,attr,optional"`
	Output     outputBlock `alloy:"output,block"`
}

type transformArgs struct {
	ErrorMode        string           `alloy:"error_mode,attr,optional"`
	MetricStatements []ottlsync.Group `alloy:"metric_statements,block,optional"`
	LogStatements    []ottlsync.Group `alloy:"log_statements,block,optional"`
	TraceStatements  []ottlsync.Group `alloy:"trace_statements,block,optional"`
	Output           outputBlock      `alloy:"output,block"`
}

type batchArgs struct {
	Timeout          string      `alloy:"timeout,attr,optional"`
	SendBatchSize    int         `alloy:"send_batch_size,attr,optional"`
	SendBatchMaxSize int         `alloy:"send_batch_max_size,attr,optional"`
	Output           outputBlock `alloy:"output,block"`
}

type exporterOTLPHTTPArgs struct {
	Client struct {
		Endpoint    string            `alloy:"endpoint,attr"`
		Auth        string            `alloy:"auth,attr,optional"`
		Headers     map[string]string `alloy:"headers,attr,optional"`
		Compression string            `alloy:"compression,attr,optional"`
		Timeout     string            `alloy:"timeout,attr,optional"`
	} `alloy:"client,block"`
	MetricsEndpoint string `alloy:"metrics_endpoint,attr,optional"`
	LogsEndpoint    string `alloy:"logs_endpoint,attr,optional"`
}

// allowedComponents: component name -> a fresh value to decode its block into, and the export other
// components reference ("input" for consumers, "handler" for auth).
var allowedComponents = map[string]struct {
	args   func() any
	export string
}{
	"otelcol.auth.basic":                  {func() any { return &authBasicArgs{} }, "handler"},
	"otelcol.receiver.otlp":               {func() any { return &receiverOTLPArgs{} }, ""},
	"otelcol.processor.deltatocumulative": {func() any { return &deltaToCumulativeArgs{} }, "input"},
	"otelcol.processor.transform":         {func() any { return &transformArgs{} }, "input"},
	"otelcol.processor.batch":             {func() any { return &batchArgs{} }, "input"},
	"otelcol.exporter.otlphttp":           {func() any { return &exporterOTLPHTTPArgs{} }, "input"},
}
