//! The import graph of a workspace: which files import one another in a cycle, and which files
//! each file sees (itself and everything it imports, transitively). Both are worked out once
//! per group of files that import one another (a strongly connected component), so that a mesh
//! of imports costs time and memory near-linear in the imports, and a group with many cycles
//! is reported once.

use petgraph::algo::kosaraju_scc;
use petgraph::graph::{DiGraph, NodeIndex};

use journey_diagnostics::FileId;

/// The groups of files that import one another, each sorted, in reverse topological order:
/// a group comes after every group it imports.
pub(crate) fn groups(imports: &[Vec<FileId>]) -> Vec<Vec<FileId>> {
    let mut graph: DiGraph<(), ()> = DiGraph::with_capacity(imports.len(), imports.iter().map(Vec::len).sum());
    for _ in imports {
        graph.add_node(());
    }
    for (from, targets) in imports.iter().enumerate() {
        for to in targets {
            if (to.0 as usize) < imports.len() {
                graph.add_edge(NodeIndex::new(from), NodeIndex::new(to.0 as usize), ());
            }
        }
    }
    kosaraju_scc(&graph)
        .into_iter()
        .map(|group| {
            let mut files: Vec<FileId> = group.into_iter().map(|n| FileId(n.index() as u32)).collect();
            files.sort_unstable();
            files
        })
        .collect()
}

/// What each file sees: shared by the files of a group.
#[derive(Debug, Default)]
pub struct Visibility {
    /// Per file, its group.
    group: Vec<u32>,
    /// Per group, the files its files see, sorted.
    seen: Vec<Vec<FileId>>,
}

impl Visibility {
    pub fn new(imports: &[Vec<FileId>]) -> Visibility {
        let groups = groups(imports);
        let mut group = vec![0u32; imports.len()];
        for (g, files) in groups.iter().enumerate() {
            for file in files {
                group[file.0 as usize] = g as u32;
            }
        }
        let mut seen: Vec<Vec<FileId>> = Vec::with_capacity(groups.len());
        // Which files the group being worked on already sees (marked with its number + 1).
        let mut mark = vec![0u32; imports.len()];
        for (g, files) in groups.iter().enumerate() {
            let stamp = g as u32 + 1;
            let mut out: Vec<FileId> = Vec::new();
            let mut imported: Vec<u32> = files
                .iter()
                .flat_map(|f| imports.get(f.0 as usize).map_or(&[][..], Vec::as_slice))
                .map(|t| group.get(t.0 as usize).copied().unwrap_or(0))
                .filter(|&h| h as usize != g)
                .collect();
            // The groups imported, those that see the most first (a group sees only groups that
            // come before it): a group already seen through another adds nothing, and is
            // skipped without going through what it sees.
            imported.sort_unstable_by(|a, b| b.cmp(a));
            imported.dedup();
            for file in files {
                mark[file.0 as usize] = stamp;
                out.push(*file);
            }
            for h in imported {
                let Some(first) = groups.get(h as usize).and_then(|files| files.first()) else { continue };
                if mark[first.0 as usize] == stamp {
                    continue;
                }
                for &file in seen.get(h as usize).map_or(&[][..], Vec::as_slice) {
                    if mark[file.0 as usize] != stamp {
                        mark[file.0 as usize] = stamp;
                        out.push(file);
                    }
                }
            }
            out.sort_unstable();
            seen.push(out);
        }
        Visibility { group, seen }
    }

    /// The files `file` sees, itself included, sorted.
    pub fn of(&self, file: FileId) -> &[FileId] {
        self.group.get(file.0 as usize).and_then(|&g| self.seen.get(g as usize)).map_or(&[][..], Vec::as_slice)
    }

    /// Whether `file` sees `other`.
    pub fn sees(&self, file: FileId, other: FileId) -> bool {
        self.of(file).binary_search(&other).is_ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(list: &[u32]) -> Vec<FileId> {
        list.iter().map(|&i| FileId(i)).collect()
    }

    #[test]
    fn groups_and_what_they_see() {
        // 0 → 1 → 2 → 1 (a cycle of 1 and 2), 3 → 0, 4 alone.
        let imports = vec![ids(&[1]), ids(&[2]), ids(&[1]), ids(&[0]), ids(&[])];
        let v = Visibility::new(&imports);
        assert_eq!(v.of(FileId(0)), ids(&[0, 1, 2]).as_slice());
        assert_eq!(v.of(FileId(1)), ids(&[1, 2]).as_slice());
        assert_eq!(v.of(FileId(2)), ids(&[1, 2]).as_slice());
        assert_eq!(v.of(FileId(3)), ids(&[0, 1, 2, 3]).as_slice());
        assert_eq!(v.of(FileId(4)), ids(&[4]).as_slice());
        assert!(v.sees(FileId(3), FileId(2)) && !v.sees(FileId(2), FileId(0)));
        let mut cycles: Vec<Vec<FileId>> = groups(&imports).into_iter().filter(|g| g.len() > 1).collect();
        cycles.sort();
        assert_eq!(cycles, vec![ids(&[1, 2])]);
    }

    #[test]
    fn a_mesh_is_seen_whole() {
        // Each of 300 files imports the next 200, around: one group.
        let n = 300u32;
        let imports: Vec<Vec<FileId>> = (0..n).map(|i| (1..=200).map(|k| FileId((i + k) % n)).collect()).collect();
        let v = Visibility::new(&imports);
        assert!((0..n).all(|i| v.of(FileId(i)).len() == n as usize));
        // Without the way around, each file sees itself and every file after it.
        let imports: Vec<Vec<FileId>> =
            (0..n).map(|i| (1..=200).filter(|k| i + k < n).map(|k| FileId(i + k)).collect()).collect();
        let v = Visibility::new(&imports);
        assert!((0..n).all(|i| v.of(FileId(i)) == (i..n).map(FileId).collect::<Vec<_>>().as_slice()));
    }
}
