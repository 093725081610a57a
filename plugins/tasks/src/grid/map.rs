//! Grid maps as a scene writes them: one text line per row, `#` a wall, `G` the goal, `.` a
//! free cell (spaces around a line are ignored, so a map can be indented in a RON string).
//!
//! ```text
//! #######
//! #....G#
//! #.##..#
//! #.....#
//! #######
//! ```
//!
//! Outside the map counts as wall. [`GridMap::distance`] gives a free cell's shortest
//! number of moves (up, down, left, right) to the goal, by breadth-first search from the goal;
//! a free cell that cannot reach the goal is refused, naming it, so "success from every free
//! start cell" is always possible.

use std::collections::VecDeque;

use thiserror::Error;

/// A move on the grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// One row up (row − 1).
    Up,
    /// One row down (row + 1).
    Down,
    /// One column left.
    Left,
    /// One column right.
    Right,
}

impl Move {
    /// The four moves, in motor-pool order.
    pub const ALL: [Move; 4] = [Move::Up, Move::Down, Move::Left, Move::Right];

    /// `(row, column)` change.
    pub fn delta(self) -> (isize, isize) {
        match self {
            Move::Up => (-1, 0),
            Move::Down => (1, 0),
            Move::Left => (0, -1),
            Move::Right => (0, 1),
        }
    }
}

/// A cell: `(row, column)` from the top left, 0-based.
pub type Cell = (usize, usize);

/// A parsed map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridMap {
    /// Rows.
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    walls: Vec<bool>,
    /// The goal.
    pub goal: Cell,
    /// Shortest moves to the goal from each cell (`row · cols + column`), found at parsing.
    shortest: Vec<Option<u32>>,
}

/// Why a map was refused; lines and columns are 1-based, counted in the map's text.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum MapError {
    /// A character that is not `#`, `G` or `.`.
    #[error(
        "map line {line}, column {column}: '{found}' is not '#' (wall), 'G' (goal) or '.' (free)"
    )]
    Character {
        /// Line.
        line: usize,
        /// Column.
        column: usize,
        /// The character.
        found: char,
    },
    /// Rows of different lengths.
    #[error(
        "map line {line} has {found} cells, the first row has {expected}: every row must be as wide"
    )]
    Ragged {
        /// Line.
        line: usize,
        /// Its cells.
        found: usize,
        /// The first row's.
        expected: usize,
    },
    /// Not exactly one goal.
    #[error("the map must have exactly one goal 'G', it has {0}")]
    Goals(usize),
    /// A free cell the goal cannot be reached from.
    #[error(
        "map line {line}, column {column}: this free cell cannot reach the goal (walled off); make it a wall"
    )]
    Unreachable {
        /// Line.
        line: usize,
        /// Column.
        column: usize,
    },
    /// No rows.
    #[error("the map is empty")]
    Empty,
    /// A goal moved onto a wall or outside the map.
    #[error("cell ({row}, {column}) is a wall or outside the map: a goal must be a free cell")]
    GoalNotFree {
        /// Row, 0-based.
        row: usize,
        /// Column, 0-based.
        column: usize,
    },
}

impl GridMap {
    /// Parses `text`, refusing a malformed map (see [`MapError`]).
    pub fn parse(text: &str) -> Result<Self, MapError> {
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty())
            .collect();
        let Some(&(_, first)) = lines.first() else {
            return Err(MapError::Empty);
        };
        let cols = first.chars().count();
        let mut walls = Vec::with_capacity(lines.len() * cols);
        let mut goals = Vec::new();
        for (row, &(line, text)) in lines.iter().enumerate() {
            let found = text.chars().count();
            if found != cols {
                return Err(MapError::Ragged {
                    line,
                    found,
                    expected: cols,
                });
            }
            for (col, c) in text.chars().enumerate() {
                match c {
                    '#' => walls.push(true),
                    '.' => walls.push(false),
                    'G' => {
                        walls.push(false);
                        goals.push((row, col));
                    }
                    found => {
                        return Err(MapError::Character {
                            line,
                            column: col + 1,
                            found,
                        });
                    }
                }
            }
        }
        let [goal] = goals[..] else {
            return Err(MapError::Goals(goals.len()));
        };
        let mut map = Self {
            rows: lines.len(),
            cols,
            walls,
            goal,
            shortest: Vec::new(),
        };
        map.shortest = map.breadth_first();
        if let Some(cell) = map
            .free_cells()
            .into_iter()
            .find(|&c| map.distance(c).is_none())
        {
            return Err(MapError::Unreachable {
                line: lines[cell.0].0,
                column: cell.1 + 1,
            });
        }
        Ok(map)
    }

    /// The same map with its goal at `goal` instead (0-based), refused when that cell is not
    /// free. Moves go both ways, so every free cell, which reaches the first goal, reaches
    /// any other free cell too.
    pub fn with_goal(&self, goal: Cell) -> Result<Self, MapError> {
        if !self.is_free(goal) {
            return Err(MapError::GoalNotFree {
                row: goal.0,
                column: goal.1,
            });
        }
        let mut map = self.clone();
        map.goal = goal;
        map.shortest = map.breadth_first();
        Ok(map)
    }

    fn index(&self, (row, col): Cell) -> usize {
        row * self.cols + col
    }

    /// Whether `cell` is free (inside the map and not a wall).
    pub fn is_free(&self, cell: Cell) -> bool {
        cell.0 < self.rows && cell.1 < self.cols && !self.walls[self.index(cell)]
    }

    /// Every free cell but the goal, row by row: the start cells.
    pub fn free_cells(&self) -> Vec<Cell> {
        (0..self.rows)
            .flat_map(|r| (0..self.cols).map(move |c| (r, c)))
            .filter(|&cell| self.is_free(cell) && cell != self.goal)
            .collect()
    }

    /// Where `mv` from `cell` leads: the next cell, or `cell` itself when a wall (or the
    /// map's edge) is in the way.
    pub fn step(&self, cell: Cell, mv: Move) -> Cell {
        let (dr, dc) = mv.delta();
        let next = (
            cell.0.wrapping_add_signed(dr),
            cell.1.wrapping_add_signed(dc),
        );
        if self.is_free(next) { next } else { cell }
    }

    /// Shortest moves from each cell (index `row · cols + column`) to the goal, by breadth-first
    /// search from the goal; `None` for walls and cells that cannot reach it.
    fn breadth_first(&self) -> Vec<Option<u32>> {
        let mut distance = vec![None; self.rows * self.cols];
        distance[self.index(self.goal)] = Some(0);
        let mut queue = VecDeque::from([self.goal]);
        while let Some(cell) = queue.pop_front() {
            let d = distance[self.index(cell)].unwrap_or(0);
            for mv in Move::ALL {
                let next = self.step(cell, mv);
                if next != cell && distance[self.index(next)].is_none() {
                    distance[self.index(next)] = Some(d + 1);
                    queue.push_back(next);
                }
            }
        }
        distance
    }

    /// The shortest number of moves from `cell` to the goal (`None` for a wall or a cell
    /// outside the map).
    pub fn distance(&self, cell: Cell) -> Option<u32> {
        self.is_free(cell)
            .then(|| self.shortest[self.index(cell)])
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROOM: &str = "
        #######
        #....G#
        #.##..#
        #.....#
        #######";

    #[test]
    fn finds_shortest_paths_around_walls() {
        let map = GridMap::parse(ROOM).unwrap();
        assert_eq!((map.rows, map.cols, map.goal), (5, 7, (1, 5)));
        assert_eq!(map.free_cells().len(), 12);
        assert_eq!(map.distance((1, 1)), Some(4));
        assert_eq!(map.distance((3, 1)), Some(6));
        assert_eq!(map.distance((2, 2)), None, "a wall");
        assert_eq!(map.step((1, 1), Move::Up), (1, 1), "bumps into the wall");
        assert_eq!(map.step((1, 1), Move::Right), (1, 2));
    }

    #[test]
    fn an_open_grid_without_walls_has_manhattan_distances() {
        let map = GridMap::parse(".....\n.....\n.....\n.....\n....G").unwrap();
        assert_eq!(map.distance((0, 0)), Some(8));
        assert_eq!(map.step((0, 0), Move::Up), (0, 0), "the edge is a wall");
        let moved = map.with_goal((0, 4)).unwrap();
        assert_eq!((moved.goal, moved.distance((4, 4))), ((0, 4), Some(4)));
        assert!(moved.free_cells().contains(&(4, 4)) && !moved.free_cells().contains(&(0, 4)));
    }

    #[test]
    fn a_moved_goal_must_be_free_and_reachable() {
        let map = GridMap::parse("..#\n.#.\n..G").unwrap();
        assert_eq!(
            map.with_goal((0, 2)).unwrap_err(),
            MapError::GoalNotFree { row: 0, column: 2 }
        );
        assert_eq!(
            map.with_goal((5, 0)).unwrap_err(),
            MapError::GoalNotFree { row: 5, column: 0 }
        );
        assert_eq!(map.with_goal((0, 0)).unwrap().distance((2, 2)), Some(4));
    }

    #[test]
    fn refuses_bad_maps_naming_the_place() {
        assert_eq!(
            GridMap::parse("#.G\n#x.").unwrap_err().to_string(),
            "map line 2, column 2: 'x' is not '#' (wall), 'G' (goal) or '.' (free)"
        );
        assert_eq!(
            GridMap::parse("..G\n..").unwrap_err(),
            MapError::Ragged {
                line: 2,
                found: 2,
                expected: 3
            }
        );
        assert_eq!(GridMap::parse("...\n...").unwrap_err(), MapError::Goals(0));
        assert_eq!(GridMap::parse("G.G").unwrap_err(), MapError::Goals(2));
        assert_eq!(
            GridMap::parse("G#.\n.#.").unwrap_err(),
            MapError::Unreachable { line: 1, column: 3 }
        );
        assert_eq!(GridMap::parse("\n  \n").unwrap_err(), MapError::Empty);
    }
}
