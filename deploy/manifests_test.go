package deploy_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	monitoringv1 "github.com/prometheus-operator/prometheus-operator/pkg/apis/monitoring/v1"
	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	utilyaml "k8s.io/apimachinery/pkg/util/yaml"
	sigsjson "sigs.k8s.io/json"
	sigsyaml "sigs.k8s.io/yaml"
)

const manifestDir = "kubernetes"

// drainDeadline is errsvc's default --shutdown-timeout. The Deployment may set
// ERRSVC_SHUTDOWN_TIMEOUT to something else, and then that value counts.
const drainDeadline = 20 * time.Second

// newObject returns an empty API object for each apiVersion and kind the base
// may hold. A kind that is not listed is an error, so a manifest of a new kind
// cannot slip past the strict decoding unchecked.
var newObject = map[string]func() any{
	"apps/v1 Deployment":                      func() any { return &appsv1.Deployment{} },
	"v1 Service":                              func() any { return &corev1.Service{} },
	"v1 ServiceAccount":                       func() any { return &corev1.ServiceAccount{} },
	"v1 ConfigMap":                            func() any { return &corev1.ConfigMap{} },
	"autoscaling/v2 HorizontalPodAutoscaler":  func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"policy/v1 PodDisruptionBudget":           func() any { return &policyv1.PodDisruptionBudget{} },
	"monitoring.coreos.com/v1 ServiceMonitor": func() any { return &monitoringv1.ServiceMonitor{} },
}

// object is one decoded manifest document.
type object struct {
	source string // file and document index, for messages
	kind   string
	name   string
	obj    any
}

// splitDocuments splits a multi-document YAML stream the way kubectl does,
// dropping documents that hold only comments or nothing.
func splitDocuments(data []byte) ([][]byte, error) {
	r := utilyaml.NewYAMLReader(bufio.NewReader(bytes.NewReader(data)))
	var docs [][]byte
	for {
		doc, err := r.Read()
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return nil, err
		}
		js, err := sigsyaml.YAMLToJSON(doc)
		if err != nil {
			return nil, err
		}
		if s := strings.TrimSpace(string(js)); s == "null" || s == "" {
			continue
		}
		docs = append(docs, doc)
	}
}

// decodeStrict decodes one YAML document into the Go type of its apiVersion
// and kind. Unknown fields (a misspelled key) and duplicate keys are errors,
// and field names are matched case-sensitively, as the API server does;
// encoding/json's DisallowUnknownFields alone would accept "Replicas" for
// "replicas".
func decodeStrict(doc []byte) (kind, name string, obj any, err error) {
	js, err := sigsyaml.YAMLToJSONStrict(doc)
	if err != nil {
		return "", "", nil, fmt.Errorf("YAML: %w", err)
	}
	var tm struct {
		metav1.TypeMeta `json:",inline"`
		Metadata        struct {
			Name string `json:"name"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(js, &tm); err != nil {
		return "", "", nil, err
	}
	key := tm.APIVersion + " " + tm.Kind
	mk, ok := newObject[key]
	if !ok {
		return "", "", nil, fmt.Errorf("unexpected apiVersion and kind %q", key)
	}
	obj = mk()
	strictErrs, err := sigsjson.UnmarshalStrict(js, obj, sigsjson.DisallowDuplicateFields, sigsjson.DisallowUnknownFields)
	if err != nil {
		return "", "", nil, err
	}
	if len(strictErrs) > 0 {
		return "", "", nil, errors.Join(strictErrs...)
	}
	if tm.Metadata.Name == "" {
		return "", "", nil, fmt.Errorf("%s has no metadata.name", tm.Kind)
	}
	return tm.Kind, tm.Metadata.Name, obj, nil
}

// decodeFile decodes every document of one manifest file.
func decodeFile(path string) ([]object, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return decodeStream(path, data)
}

func decodeStream(source string, data []byte) ([]object, error) {
	docs, err := splitDocuments(data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	if len(docs) == 0 {
		return nil, fmt.Errorf("%s: no documents", source)
	}
	var objs []object
	var errs []error
	for i, doc := range docs {
		src := fmt.Sprintf("%s#%d", source, i)
		kind, name, obj, err := decodeStrict(doc)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", src, err))
			continue
		}
		objs = append(objs, object{source: src, kind: kind, name: name, obj: obj})
	}
	return objs, errors.Join(errs...)
}

// manifestFiles lists the manifests of the base: every YAML file directly in
// deploy/kubernetes except the kustomization itself. Catalog files live in a
// subdirectory and are data for the ConfigMap, not manifests.
func manifestFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	for _, pat := range []string{"*.yaml", "*.yml"} {
		m, err := filepath.Glob(filepath.Join(manifestDir, pat))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	files = slices.DeleteFunc(files, func(f string) bool { return filepath.Base(f) == "kustomization.yaml" })
	slices.Sort(files)
	if len(files) == 0 {
		t.Fatalf("no manifests in %s", manifestDir)
	}
	return files
}

// loadManifests decodes the whole base, failing the test on any error.
func loadManifests(t *testing.T) []object {
	t.Helper()
	var all []object
	for _, f := range manifestFiles(t) {
		objs, err := decodeFile(f)
		if err != nil {
			t.Fatal(err)
		}
		all = append(all, objs...)
	}
	return all
}

// only returns the single object of type T with the given name.
func only[T any](t *testing.T, objs []object, name string) *T {
	t.Helper()
	var found *T
	for _, o := range objs {
		if v, ok := o.obj.(*T); ok && o.name == name {
			if found != nil {
				t.Fatalf("two %T named %q", v, name)
			}
			found = v
		}
	}
	if found == nil {
		var zero T
		t.Fatalf("no %T named %q", &zero, name)
	}
	return found
}

func all[T any](objs []object) []*T {
	var out []*T
	for _, o := range objs {
		if v, ok := o.obj.(*T); ok {
			out = append(out, v)
		}
	}
	return out
}

func TestManifestsDecodeStrictly(t *testing.T) {
	for _, f := range manifestFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			objs, err := decodeFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range objs {
				t.Logf("%s: %s %s", o.source, o.kind, o.name)
			}
		})
	}
}

// TestMisspelledFieldsAreRejected proves that the strict decoding above
// catches what it is there for. Each file in testdata/invalid starts with a
// "# want: TEXT" line naming a fragment of the expected error.
func TestMisspelledFieldsAreRejected(t *testing.T) {
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no files in testdata/invalid")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			data, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			first, _, _ := strings.Cut(string(data), "\n")
			want, ok := strings.CutPrefix(first, "# want: ")
			if !ok {
				t.Fatalf("%s does not start with a # want: line", f)
			}
			_, err = decodeStream(f, data)
			if err == nil {
				t.Fatalf("decoded without error; want an error containing %q", want)
			}
			if !strings.Contains(err.Error(), want) {
				t.Fatalf("error %q does not contain %q", err, want)
			}
		})
	}
}

// kustomization is the part of kustomize's Kustomization type that the base
// uses, decoded strictly too, so that a misspelled key in kustomization.yaml
// fails here rather than being ignored.
type kustomization struct {
	APIVersion string   `json:"apiVersion"`
	Kind       string   `json:"kind"`
	Resources  []string `json:"resources"`
	Labels     []struct {
		Pairs            map[string]string `json:"pairs"`
		IncludeSelectors bool              `json:"includeSelectors"`
	} `json:"labels"`
	Images []struct {
		Name    string `json:"name"`
		NewName string `json:"newName"`
		NewTag  string `json:"newTag"`
	} `json:"images"`
	ConfigMapGenerator []struct {
		Name    string   `json:"name"`
		Files   []string `json:"files"`
		Options struct {
			DisableNameSuffixHash bool `json:"disableNameSuffixHash"`
		} `json:"options"`
	} `json:"configMapGenerator"`
}

func loadKustomization(t *testing.T) kustomization {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(manifestDir, "kustomization.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var k kustomization
	if err := sigsyaml.UnmarshalStrict(data, &k); err != nil {
		t.Fatalf("kustomization.yaml: %v", err)
	}
	return k
}

func TestKustomizationListsEveryManifest(t *testing.T) {
	k := loadKustomization(t)
	if k.APIVersion != "kustomize.config.k8s.io/v1beta1" || k.Kind != "Kustomization" {
		t.Errorf("kustomization.yaml is %s %s", k.APIVersion, k.Kind)
	}
	listed := map[string]bool{}
	for _, r := range k.Resources {
		if listed[r] {
			t.Errorf("resource %s listed twice", r)
		}
		listed[r] = true
		if _, err := os.Stat(filepath.Join(manifestDir, r)); err != nil {
			t.Errorf("listed resource %s: %v", r, err)
		}
	}
	for _, f := range manifestFiles(t) {
		if !listed[filepath.Base(f)] {
			t.Errorf("%s is not listed in kustomization.yaml resources", f)
		}
	}
	for _, g := range k.ConfigMapGenerator {
		for _, f := range g.Files {
			// "key=path" names the key explicitly.
			if _, p, ok := strings.Cut(f, "="); ok {
				f = p
			}
			if _, err := os.Stat(filepath.Join(manifestDir, f)); err != nil {
				t.Errorf("configMapGenerator %s file %s: %v", g.Name, f, err)
			}
		}
	}
}

func TestCatalogFilesAreNamedAfterTheirProvider(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(manifestDir, "catalog", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no catalog files")
	}
	k := loadKustomization(t)
	var generated []string
	for _, g := range k.ConfigMapGenerator {
		if g.Name == "errsvc-catalog" {
			generated = g.Files
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// The catalog's own loader is strict about the whole format;
		// `errsvc catalog check deploy/kubernetes/catalog` runs it (the e2e
		// script does). Here only what ties the file to the ConfigMap.
		var c struct {
			Provider struct {
				ID string `json:"id"`
			} `json:"provider"`
			Entries []json.RawMessage `json:"entries"`
		}
		if err := sigsyaml.Unmarshal(data, &c); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if want := c.Provider.ID + ".yaml"; filepath.Base(f) != want {
			t.Errorf("%s: provider id %q needs the file name %s", f, c.Provider.ID, want)
		}
		if len(c.Entries) == 0 {
			t.Errorf("%s: no entries", f)
		}
		rel, _ := filepath.Rel(manifestDir, f)
		if !slices.Contains(generated, rel) {
			t.Errorf("%s is not in the errsvc-catalog configMapGenerator", rel)
		}
	}
}

func TestDeploymentInvariants(t *testing.T) {
	objs := loadManifests(t)
	d := only[appsv1.Deployment](t, objs, "errsvc")
	spec := d.Spec.Template.Spec

	if d.Spec.Replicas == nil || *d.Spec.Replicas != 2 {
		t.Errorf("replicas = %v, want 2", d.Spec.Replicas)
	}
	sel, err := metav1.LabelSelectorAsSelector(d.Spec.Selector)
	if err != nil {
		t.Fatal(err)
	}
	if !sel.Matches(labels.Set(d.Spec.Template.Labels)) {
		t.Errorf("selector %s does not match the pod labels %v", sel, d.Spec.Template.Labels)
	}

	if len(spec.Containers) != 1 {
		t.Fatalf("%d containers, want 1", len(spec.Containers))
	}
	c := spec.Containers[0]

	// The grace period must outlast the drain deadline, or the kubelet kills
	// errsvc while it is still finishing calls.
	drain := drainDeadline
	for _, e := range c.Env {
		if e.Name == "ERRSVC_SHUTDOWN_TIMEOUT" {
			if drain, err = time.ParseDuration(e.Value); err != nil {
				t.Fatalf("ERRSVC_SHUTDOWN_TIMEOUT: %v", err)
			}
		}
	}
	if g := spec.TerminationGracePeriodSeconds; g == nil {
		t.Error("terminationGracePeriodSeconds is not set; the default 30s must be stated to be checked")
	} else if grace := time.Duration(*g) * time.Second; grace <= drain || grace <= drainDeadline {
		t.Errorf("terminationGracePeriodSeconds = %d, must exceed the %s drain", *g, max(drain, drainDeadline))
	}

	ports := map[string]int32{}
	for _, p := range c.Ports {
		ports[p.Name] = p.ContainerPort
	}
	if ports["http"] != 8080 || ports["grpc"] != 8081 || ports["ops"] != 8082 || len(ports) != 3 {
		t.Errorf("container ports %v, want http 8080, grpc 8081 and ops 8082", ports)
	}

	checkProbe := func(what string, p *corev1.Probe, path string) {
		t.Helper()
		if p == nil {
			t.Errorf("%s probe missing", what)
			return
		}
		if p.HTTPGet == nil {
			t.Errorf("%s probe is not httpGet", what)
			return
		}
		if p.HTTPGet.Path != path {
			t.Errorf("%s probe path %s, want %s", what, p.HTTPGet.Path, path)
		}
		if p.HTTPGet.Port.String() != "ops" {
			t.Errorf("%s probe port %s, want the named port ops", what, p.HTTPGet.Port.String())
		}
	}
	checkProbe("readiness", c.ReadinessProbe, "/readyz")
	checkProbe("liveness", c.LivenessProbe, "/healthz")
	checkProbe("startup", c.StartupProbe, "/healthz")

	for _, r := range []corev1.ResourceName{corev1.ResourceCPU, corev1.ResourceMemory} {
		req, lim := c.Resources.Requests[r], c.Resources.Limits[r]
		if req.IsZero() || lim.IsZero() {
			t.Errorf("%s request %s and limit %s must both be set", r, req.String(), lim.String())
		} else if req.Cmp(lim) > 0 {
			t.Errorf("%s request %s above limit %s", r, req.String(), lim.String())
		}
	}

	psc, csc := spec.SecurityContext, c.SecurityContext
	if psc == nil || csc == nil {
		t.Fatal("pod and container securityContext must both be set")
	}
	if psc.RunAsNonRoot == nil || !*psc.RunAsNonRoot || csc.RunAsNonRoot == nil || !*csc.RunAsNonRoot {
		t.Error("runAsNonRoot must be true for the pod and the container")
	}
	if csc.RunAsUser == nil || *csc.RunAsUser == 0 {
		t.Error("the container must run as a numeric non-root user")
	}
	if csc.ReadOnlyRootFilesystem == nil || !*csc.ReadOnlyRootFilesystem {
		t.Error("readOnlyRootFilesystem must be true")
	}
	if csc.AllowPrivilegeEscalation == nil || *csc.AllowPrivilegeEscalation {
		t.Error("allowPrivilegeEscalation must be false")
	}
	if csc.Capabilities == nil || !slices.Equal(csc.Capabilities.Drop, []corev1.Capability{"ALL"}) || len(csc.Capabilities.Add) > 0 {
		t.Errorf("capabilities %+v, want drop ALL and add none", csc.Capabilities)
	}
	for what, sp := range map[string]*corev1.SeccompProfile{"pod": psc.SeccompProfile, "container": csc.SeccompProfile} {
		if sp == nil || sp.Type != corev1.SeccompProfileTypeRuntimeDefault {
			t.Errorf("%s seccompProfile %+v, want RuntimeDefault", what, sp)
		}
	}

	// The catalog directory is a whole-directory mount of the generated
	// ConfigMap: a subPath mount would never see the kubelet's updates.
	var catalogDir string
	for _, e := range c.Env {
		if e.Name == "ERRSVC_CATALOG_DIR" {
			catalogDir = e.Value
		}
	}
	if catalogDir != "/etc/errsvc/catalog" {
		t.Errorf("ERRSVC_CATALOG_DIR = %q, want /etc/errsvc/catalog", catalogDir)
	}
	var mount *corev1.VolumeMount
	for i := range c.VolumeMounts {
		if c.VolumeMounts[i].MountPath == catalogDir {
			mount = &c.VolumeMounts[i]
		}
	}
	if mount == nil {
		t.Fatalf("nothing is mounted at %s", catalogDir)
	}
	if mount.SubPath != "" || !mount.ReadOnly {
		t.Errorf("catalog mount %+v must be read-only and without subPath", mount)
	}
	var cmName string
	for _, v := range spec.Volumes {
		if v.Name == mount.Name && v.ConfigMap != nil {
			cmName = v.ConfigMap.Name
		}
	}
	k := loadKustomization(t)
	generated := false
	for _, g := range k.ConfigMapGenerator {
		if g.Name == cmName {
			generated = true
			if !g.Options.DisableNameSuffixHash {
				t.Errorf("configMapGenerator %s must keep its name (disableNameSuffixHash) for hot reload", g.Name)
			}
		}
	}
	if !generated {
		t.Errorf("volume %s mounts ConfigMap %q, which the kustomization does not generate", mount.Name, cmName)
	}

	if spec.ServiceAccountName != "" {
		only[corev1.ServiceAccount](t, objs, spec.ServiceAccountName)
	}
}

// podLabels returns the labels of the errsvc pods.
func podLabels(t *testing.T, objs []object) labels.Set {
	return labels.Set(only[appsv1.Deployment](t, objs, "errsvc").Spec.Template.Labels)
}

func TestServices(t *testing.T) {
	objs := loadManifests(t)
	pods := podLabels(t, objs)
	containerPorts := map[string]bool{}
	for _, p := range only[appsv1.Deployment](t, objs, "errsvc").Spec.Template.Spec.Containers[0].Ports {
		containerPorts[p.Name] = true
	}
	for _, s := range all[corev1.Service](objs) {
		if !labels.SelectorFromSet(s.Spec.Selector).Matches(pods) || len(s.Spec.Selector) == 0 {
			t.Errorf("Service %s selector %v does not select the errsvc pods", s.Name, s.Spec.Selector)
		}
		for _, p := range s.Spec.Ports {
			if p.Name != "grpc" && p.Name != "http" && p.Name != "ops" {
				t.Errorf("Service %s port %q: want the names grpc, http and ops", s.Name, p.Name)
			}
			wantProto := p.Name // the operations port speaks plain HTTP
			if p.Name == "ops" {
				wantProto = "http"
			}
			if p.AppProtocol == nil || *p.AppProtocol != wantProto {
				t.Errorf("Service %s port %s: appProtocol %v, want %s", s.Name, p.Name, p.AppProtocol, wantProto)
			}
			if !containerPorts[p.TargetPort.String()] {
				t.Errorf("Service %s port %s targets %s, which is no container port name", s.Name, p.Name, p.TargetPort.String())
			}
		}
	}
	svc := only[corev1.Service](t, objs, "errsvc")
	if svc.Spec.Type != corev1.ServiceTypeClusterIP {
		t.Errorf("Service errsvc type %s, want ClusterIP", svc.Spec.Type)
	}
	if names := portNames(svc); !slices.Equal(names, []string{"grpc", "http", "ops"}) {
		t.Errorf("Service errsvc ports %v, want grpc, http and ops", names)
	}
	h := only[corev1.Service](t, objs, "errsvc-headless")
	if h.Spec.ClusterIP != corev1.ClusterIPNone {
		t.Errorf("errsvc-headless clusterIP %q, want None", h.Spec.ClusterIP)
	}
	if h.Spec.PublishNotReadyAddresses {
		t.Error("errsvc-headless must not publish pods that are not ready")
	}
	if !slices.Contains(portNames(h), "grpc") {
		t.Error("errsvc-headless has no grpc port")
	}
}

func portNames(s *corev1.Service) []string {
	var names []string
	for _, p := range s.Spec.Ports {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	return names
}

func TestServiceMonitor(t *testing.T) {
	objs := loadManifests(t)
	sm := only[monitoringv1.ServiceMonitor](t, objs, "errsvc")
	sel, err := metav1.LabelSelectorAsSelector(&sm.Spec.Selector)
	if err != nil {
		t.Fatal(err)
	}
	// Exactly one Service: two Services over the same pods would have every
	// pod scraped twice, doubling every rate in the dashboards.
	var matched []*corev1.Service
	for _, s := range all[corev1.Service](objs) {
		if sel.Matches(labels.Set(s.Labels)) {
			matched = append(matched, s)
		}
	}
	if len(matched) != 1 {
		t.Fatalf("ServiceMonitor selector %s matches %d Services, want exactly 1", sel, len(matched))
	}
	if len(sm.Spec.Endpoints) == 0 {
		t.Fatal("ServiceMonitor has no endpoints")
	}
	for _, ep := range sm.Spec.Endpoints {
		if !slices.Contains(portNames(matched[0]), ep.Port) {
			t.Errorf("endpoint port %q is not a port name of Service %s", ep.Port, matched[0].Name)
		}
		if ep.Port != "ops" || ep.Path != "/metrics" || ep.Interval != "15s" {
			t.Errorf("endpoint %s %s every %s, want ops /metrics every 15s", ep.Port, ep.Path, ep.Interval)
		}
	}
}

func TestAutoscalerAndDisruptionBudget(t *testing.T) {
	objs := loadManifests(t)
	d := only[appsv1.Deployment](t, objs, "errsvc")
	hpa := only[autoscalingv2.HorizontalPodAutoscaler](t, objs, "errsvc")
	if ref := hpa.Spec.ScaleTargetRef; ref.Kind != "Deployment" || ref.Name != d.Name || ref.APIVersion != "apps/v1" {
		t.Errorf("HPA targets %+v, want the errsvc Deployment", ref)
	}
	if hpa.Spec.MinReplicas == nil || *hpa.Spec.MinReplicas < 2 || hpa.Spec.MaxReplicas < *hpa.Spec.MinReplicas {
		t.Errorf("HPA replicas %v..%d, want at least 2", hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas)
	}
	cpu := false
	for _, m := range hpa.Spec.Metrics {
		if m.Type == autoscalingv2.ResourceMetricSourceType && m.Resource != nil && m.Resource.Name == corev1.ResourceCPU &&
			m.Resource.Target.AverageUtilization != nil && *m.Resource.Target.AverageUtilization == 70 {
			cpu = true
		}
	}
	if !cpu {
		t.Error("HPA does not target 70% CPU utilization")
	}

	pdb := only[policyv1.PodDisruptionBudget](t, objs, "errsvc")
	sel, err := metav1.LabelSelectorAsSelector(pdb.Spec.Selector)
	if err != nil {
		t.Fatal(err)
	}
	if !sel.Matches(podLabels(t, objs)) {
		t.Errorf("PDB selector %s does not select the errsvc pods", sel)
	}
	if pdb.Spec.MinAvailable == nil || pdb.Spec.MinAvailable.IntValue() != 1 {
		t.Errorf("PDB minAvailable %v, want 1", pdb.Spec.MinAvailable)
	}
	// With minAvailable equal to the replica floor no pod could ever be
	// evicted, and node drains would hang.
	if pdb.Spec.MinAvailable != nil && int32(pdb.Spec.MinAvailable.IntValue()) >= *hpa.Spec.MinReplicas {
		t.Errorf("PDB minAvailable %d leaves no disruption allowed at %d replicas", pdb.Spec.MinAvailable.IntValue(), *hpa.Spec.MinReplicas)
	}
}

// kustomizeBinary finds kustomize on PATH or in the repository's bin/, where
// `GOBIN=$PWD/bin go install sigs.k8s.io/kustomize/kustomize/v5@v5.6.0` puts it.
func kustomizeBinary() string {
	if p, err := exec.LookPath("kustomize"); err == nil {
		return p
	}
	if p, err := filepath.Abs(filepath.Join("..", "bin", "kustomize")); err == nil {
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p
		}
	}
	return ""
}

// TestKustomizeBuild renders the base with the real kustomize, when one is
// installed, and decodes the result strictly as well: that covers the
// generated ConfigMap and proves the image and labels are applied.
func TestKustomizeBuild(t *testing.T) {
	bin := kustomizeBinary()
	if bin == "" {
		t.Skip("kustomize is not installed (GOBIN=$PWD/bin go install sigs.k8s.io/kustomize/kustomize/v5@v5.6.0)")
	}
	var stderr bytes.Buffer
	cmd := exec.Command(bin, "build", manifestDir)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("kustomize build: %v\n%s", err, stderr.String())
	}
	objs, err := decodeStream("kustomize build", out)
	if err != nil {
		t.Fatal(err)
	}
	cm := only[corev1.ConfigMap](t, objs, "errsvc-catalog")
	if _, ok := cm.Data["example-bank.yaml"]; !ok {
		t.Errorf("ConfigMap errsvc-catalog keys %v, want example-bank.yaml", keys(cm.Data))
	}
	d := only[appsv1.Deployment](t, objs, "errsvc")
	if img := d.Spec.Template.Spec.Containers[0].Image; !strings.Contains(img, ":") || strings.HasSuffix(img, ":latest") {
		t.Errorf("rendered image %q, want a pinned tag", img)
	}
	for _, o := range objs {
		var meta metav1.Object
		switch v := o.obj.(type) {
		case metav1.Object:
			meta = v
		default:
			t.Fatalf("%s: %T has no metadata", o.source, v)
		}
		if meta.GetLabels()["app.kubernetes.io/part-of"] != "errsvc" {
			t.Errorf("%s %s lacks the part-of label", o.kind, o.name)
		}
	}
}

func keys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}
