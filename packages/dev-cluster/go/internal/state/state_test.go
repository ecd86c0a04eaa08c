package state

import "testing"

func TestSaveLoad(t *testing.T) {
	d := t.TempDir()
	if _, err := Load(d); err == nil {
		t.Fatal("load of an empty dir succeeded")
	}
	s := &State{Server: "https://127.0.0.1:1", Pids: Pids{Etcd: 1, APIServer: 2, Shim: 3}}
	if err := s.Save(d); err != nil {
		t.Fatal(err)
	}
	got, err := Load(d)
	if err != nil || got.Server != s.Server || got.Pids != s.Pids {
		t.Fatalf("%+v %v", got, err)
	}
}
