package sim

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Cell is one cell of a simulated notebook run, in the operator's JSON shape.
type Cell struct {
	CellIndex      int      `json:"cell_index"`
	CellType       string   `json:"cell_type"`
	ExecutionCount *int     `json:"execution_count"`
	Status         string   `json:"status,omitempty"`
	Error          string   `json:"error,omitempty"`
	Traceback      []string `json:"traceback,omitempty"`
	seconds        float64
}

// Summary is the "Results Summary:" JSON the validator's papermill script
// prints at the end of the validator container log.
type Summary struct {
	Status                   string `json:"status"`
	Error                    string `json:"error"`
	ExitCode                 int    `json:"exit_code"`
	NotebookPath             string `json:"notebook_path"`
	ExecutionDurationSeconds int    `json:"execution_duration_seconds"`
	Timestamp                string `json:"timestamp"`
	ErrorCategory            string `json:"error_category"`
	Cells                    []Cell `json:"cells"`
	Statistics               Stats  `json:"statistics"`
	failedCell               int
}

// Stats are the summary statistics.
type Stats struct {
	TotalCells  int     `json:"total_cells"`
	CodeCells   int     `json:"code_cells"`
	FailedCells int     `json:"failed_cells"`
	SuccessRate float64 `json:"success_rate"`
}

// NotebookSummary builds the deterministic result of running a notebook
// under an outcome rule ("" success, NVJFail, NVJDependency).
func NotebookSummary(seed int64, ns, name, path, outcome string) *Summary {
	h := Hash(seed, ns, name)
	n := 5 + int(h%5)
	s := &Summary{Status: "succeeded", NotebookPath: path, ErrorCategory: "none", failedCell: -1}
	fail := -1
	switch outcome {
	case NVJDependency:
		fail = 1 // the imports cell
	case NVJFail:
		fail = 2 + int(h%uint64(n-2))
	}
	count := 0
	total := 0.0
	for i := 0; i < n; i++ {
		c := Cell{CellIndex: i, CellType: "code"}
		if i == 0 {
			c.CellType = "markdown"
		}
		if c.CellType == "code" {
			count++
			ec := count
			c.ExecutionCount = &ec
			c.seconds = 0.2 + float64(Hash(seed, name, fmt.Sprint(i))%4000)/1000
			total += c.seconds
			c.Status = "succeeded"
		}
		if i == fail {
			c.Status = "failed"
			if outcome == NVJDependency {
				c.Error = "ModuleNotFoundError: No module named 'xgboost'"
				c.Traceback = []string{
					"---------------------------------------------------------------------------",
					"ModuleNotFoundError                       Traceback (most recent call last)",
					"Cell In[1], line 3",
					"      1 import numpy as np",
					"      2 import pandas as pd",
					"----> 3 import xgboost as xgb",
					"ModuleNotFoundError: No module named 'xgboost'",
				}
			} else {
				c.Error = "ValueError: Input contains NaN, infinity or a value too large for dtype('float64')."
				c.Traceback = []string{
					"ValueError                                Traceback (most recent call last)",
					fmt.Sprintf("Cell In[%d], line 7", count),
					"----> 7 model.fit(X_train, y_train)",
					"ValueError: Input contains NaN, infinity or a value too large for dtype('float64').",
				}
			}
			s.Cells = append(s.Cells, c)
			s.failedCell = i
			break
		}
		s.Cells = append(s.Cells, c)
	}
	s.Statistics = Stats{TotalCells: n, CodeCells: n - 1}
	if fail >= 0 {
		s.Status = "failed"
		s.ExitCode = 1
		s.Error = s.Cells[len(s.Cells)-1].Error
		s.Statistics.FailedCells = 1
		if outcome == NVJDependency {
			s.ErrorCategory = "dependency_install_failed"
		} else {
			s.ErrorCategory = "notebook_execution_failed"
		}
	}
	s.Statistics.SuccessRate = float64(int(1000*float64(s.Statistics.CodeCells-s.Statistics.FailedCells)/float64(s.Statistics.CodeCells))) / 10
	s.ExecutionDurationSeconds = int(total) + 1
	return s
}

// Message is the NVJ status message (the operator's wording).
func (s *Summary) Message() string {
	if s.Status == "failed" {
		return "Validation failed: " + s.Error
	}
	return fmt.Sprintf("Validation completed: %d/%d cells succeeded (%.1f%% success rate)",
		s.Statistics.CodeCells-s.Statistics.FailedCells, s.Statistics.CodeCells, s.Statistics.SuccessRate)
}

// CellResults maps cells to status.results[] (Success|Failure|Skipped).
func (s *Summary) CellResults() []interface{} {
	var out []interface{}
	for _, c := range s.Cells {
		r := map[string]interface{}{"cellIndex": int64(c.CellIndex)}
		switch {
		case c.CellType == "markdown":
			r["status"] = "Skipped"
		case c.Status == "failed":
			r["status"] = "Failure"
			if c.Error != "" {
				r["errorMessage"] = c.Error
			}
			// updateJobStatusWithResults keeps 2000 characters of the traceback.
			if tb := strings.Join(c.Traceback, "\n"); tb != "" {
				if len(tb) > 2000 {
					tb = tb[:2000] + "\n... (truncated)"
				}
				r["output"] = tb
			}
		default:
			r["status"] = "Success"
		}
		// A parsed summary (an executed notebook) has no per-cell times: the
		// operator writes none; the simulator's generated cells have them.
		if c.CellType == "code" && c.seconds > 0 {
			r["executionTime"] = fmt.Sprintf("%.3fs", c.seconds)
		}
		out = append(out, r)
	}
	return out
}

// Log is the rest of the validator container log: execution lines, then the
// "Results Summary:" block.
func (s *Summary) Log(now time.Time) string {
	ts := now.UTC().Format("2006-01-02 15:04:05")
	var b strings.Builder
	fmt.Fprintf(&b, "[%s] ✓ Papermill already installed\n", ts)
	if s.ErrorCategory == "dependency_install_failed" {
		fmt.Fprintf(&b, "[%s] Installing notebook requirements...\n", ts)
		b.WriteString("ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied: '/home/jovyan/.local'\n")
		fmt.Fprintf(&b, "[%s] ERROR: Pip installation failed.\n", ts)
	}
	fmt.Fprintf(&b, "[%s] Executing notebook: %s\n", ts, s.NotebookPath)
	for _, c := range s.Cells {
		if c.CellType != "code" {
			continue
		}
		fmt.Fprintf(&b, "Executing cell %d (%.2fs)\n", c.CellIndex, c.seconds)
		if c.Status == "failed" {
			b.WriteString(strings.Join(c.Traceback, "\n") + "\n")
		}
	}
	if s.Status == "failed" {
		if s.ErrorCategory != "dependency_install_failed" {
			// papermill's own report of the failing cell
			fmt.Fprintf(&b, "papermill.exceptions.PapermillExecutionError: \n---------------------------------------------------------------------------\nException encountered at \"In [%d]\":\n", s.failedCell)
		}
		fmt.Fprintf(&b, "[%s] ERROR: Notebook execution failed\n", ts)
		if s.ErrorCategory == "dependency_install_failed" {
			b.WriteString("SOLUTION: Use a custom container image with the notebook's dependencies pre-installed (enable spec.podConfig.buildConfig).\n")
		}
		fmt.Fprintf(&b, "Error Category: %s\n", s.ErrorCategory)
	} else {
		fmt.Fprintf(&b, "[%s] ✓ Notebook executed successfully\n", ts)
	}
	s.Timestamp = now.UTC().Format(time.RFC3339)
	b.WriteString("Results Summary:\n")
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	_ = enc.Encode(s)
	return b.String()
}
