package admission

import (
	"fmt"
	"strconv"
)

// Feature-flag keys of Tekton's `feature-flags` ConfigMap that gate fields this
// package checks (tektoncd/pipeline pkg/apis/config/feature_flags.go).
const (
	FlagParamEnum = "enable-param-enum"
	FlagCELInWhen = "enable-cel-in-whenexpression"
)

// FeatureFlags are the gates the Tekton webhook consults for the fields we check.
type FeatureFlags struct {
	ParamEnum bool
	CELInWhen bool
}

// DefaultFeatureFlags are Tekton's own defaults for a key the ConfigMap does not
// have: both gates are alpha features, off (pkg/apis/config/feature_flags.go,
// DefaultEnableParamEnum and DefaultEnableCELInWhenExpression; the same values
// config/config-feature-flags.yaml ships).
var DefaultFeatureFlags = FeatureFlags{}

// FlagsFromConfigMap reads the gates from the ConfigMap's data the way Tekton
// does: a key that is absent takes the default, a value that is not a boolean
// is an error (Tekton then refuses to load the config).
func FlagsFromConfigMap(data map[string]string) (FeatureFlags, error) {
	f := DefaultFeatureFlags
	for key, target := range map[string]*bool{FlagParamEnum: &f.ParamEnum, FlagCELInWhen: &f.CELInWhen} {
		raw, ok := data[key]
		if !ok {
			continue
		}
		v, err := strconv.ParseBool(raw)
		if err != nil {
			return DefaultFeatureFlags, fmt.Errorf("failed parsing feature flags config %q: %v for feature %s", raw, err, key)
		}
		*target = v
	}
	return f, nil
}
