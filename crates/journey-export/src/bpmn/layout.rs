//! Where every shape and every turn of a flow goes in the BPMN diagram.
//!
//! The customer's pool is a grid: one column per step column (see [`View::columns`]), one row
//! per step sharing a column. A column holds, left to right, the slot of a joining gateway, the
//! task and the slot of a dividing gateway (with its end event below it, or an end event beside
//! the task when customers only leave there); between columns a free vertical channel, and
//! above each row's shapes a free horizontal one. A flow to the next column runs straight or
//! turns once in the channel; any other flow runs along the channel and the target row's
//! upper channel, so no flow crosses a shape. The organisation's pool repeats the columns: each
//! lane has as many rows as it has steps in one column, and a step's organisation side sits in
//! its column, under the customer's task.

use crate::view::View;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Point {
    pub x: i64,
    pub y: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Rect {
    pub x: i64,
    pub y: i64,
    pub w: i64,
    pub h: i64,
}

impl Rect {
    fn new(x: i64, y: i64, w: i64, h: i64) -> Rect {
        Rect { x, y, w, h }
    }
}

fn p(x: i64, y: i64) -> Point {
    Point { x, y }
}

const POOL_X: i64 = 100;
const TOP: i64 = 40;
/// The pool's name band, on its left.
const LABEL: i64 = 30;
const COLUMN: i64 = 280;
const ROW: i64 = 140;
/// Between the pools.
const GAP: i64 = 40;
const START_X: i64 = POOL_X + LABEL + 20;
/// Where the first step column starts.
const X0: i64 = START_X + 150;
const EVENT: i64 = 36;
const GATEWAY: i64 = 50;
const TASK_W: i64 = 100;
const TASK_H: i64 = 80;

pub(super) struct Grid {
    column: Vec<usize>,
    row: Vec<usize>,
    columns: usize,
    rows: usize,
    /// The view's lanes that are the organisation's, in order.
    pub org_lanes: Vec<usize>,
    /// Per step: its organisation lane (index into `org_lanes`) and its row in that lane.
    org: Vec<Option<(usize, usize)>>,
    lane_rows: Vec<usize>,
}

impl Grid {
    pub fn new(view: &View) -> Grid {
        let column = view.columns();
        let columns = column.iter().max().map_or(1, |c| c + 1);
        let mut used = vec![0usize; columns];
        let row: Vec<usize> = column
            .iter()
            .map(|&c| {
                used[c] += 1;
                used[c] - 1
            })
            .collect();
        let rows = used.iter().copied().max().unwrap_or(0).max(1);
        let org_lanes: Vec<usize> = (0..view.lanes.len()).filter(|&l| view.lanes[l].lane.is_some()).collect();
        let mut lane_used = vec![vec![0usize; columns]; org_lanes.len()];
        let org = view
            .steps
            .iter()
            .zip(&column)
            .map(|(step, &c)| {
                let o = org_lanes.iter().position(|&l| l == step.lane)?;
                lane_used[o][c] += 1;
                Some((o, lane_used[o][c] - 1))
            })
            .collect();
        let lane_rows = lane_used.iter().map(|u| u.iter().copied().max().unwrap_or(0).max(1)).collect();
        Grid { column, row, columns, rows, org_lanes, org, lane_rows }
    }

    fn x0(&self, i: usize) -> i64 {
        X0 + self.column[i] as i64 * COLUMN
    }

    fn row_y(&self, i: usize) -> i64 {
        TOP + 10 + self.row[i] as i64 * ROW
    }

    fn cy(&self, i: usize) -> i64 {
        self.row_y(i) + 70
    }

    fn width(&self) -> i64 {
        (X0 - POOL_X) + self.columns as i64 * COLUMN + 20
    }

    pub fn customer_pool(&self) -> Rect {
        Rect::new(POOL_X, TOP, self.width(), self.rows as i64 * ROW + 30)
    }

    fn org_y(&self) -> i64 {
        TOP + self.customer_pool().h + GAP
    }

    pub fn org_pool(&self) -> Rect {
        let h: i64 = self.lane_rows.iter().map(|&r| r as i64 * ROW).sum();
        Rect::new(POOL_X, self.org_y(), self.width(), h.max(ROW))
    }

    pub fn org_lane_bounds(&self, o: usize) -> Rect {
        let y = self.org_y() + self.lane_rows.iter().take(o).map(|&r| r as i64 * ROW).sum::<i64>();
        let h = self.lane_rows.get(o).map_or(ROW, |&r| r as i64 * ROW);
        Rect::new(POOL_X + LABEL, y, self.width() - LABEL, h)
    }

    // The start column.

    fn start_cy(&self) -> i64 {
        TOP + 10 + 70
    }

    pub fn start(&self) -> Rect {
        Rect::new(START_X, self.start_cy() - EVENT / 2, EVENT, EVENT)
    }

    pub fn start_split(&self) -> Rect {
        Rect::new(START_X + 66, self.start_cy() - GATEWAY / 2, GATEWAY, GATEWAY)
    }

    pub fn start_end(&self) -> Rect {
        Rect::new(START_X + 80, self.start_cy() - EVENT / 2, EVENT, EVENT)
    }

    pub fn start_out(&self) -> Point {
        p(START_X + EVENT, self.start_cy())
    }

    pub fn start_split_out(&self) -> Point {
        p(START_X + 66 + GATEWAY, self.start_cy())
    }

    pub fn start_channel(&self) -> i64 {
        X0 - 10
    }

    pub fn start_to_split(&self) -> Vec<Point> {
        vec![self.start_out(), p(START_X + 66, self.start_cy())]
    }

    pub fn start_to_end(&self) -> Vec<Point> {
        vec![self.start_out(), p(START_X + 80, self.start_cy())]
    }

    // A step's column.

    pub fn join(&self, i: usize) -> Rect {
        Rect::new(self.x0(i), self.cy(i) - GATEWAY / 2, GATEWAY, GATEWAY)
    }

    pub fn task(&self, i: usize) -> Rect {
        Rect::new(self.x0(i) + 80, self.cy(i) - TASK_H / 2, TASK_W, TASK_H)
    }

    pub fn split(&self, i: usize) -> Rect {
        Rect::new(self.x0(i) + 210, self.cy(i) - GATEWAY / 2, GATEWAY, GATEWAY)
    }

    pub fn end_beside(&self, i: usize) -> Rect {
        Rect::new(self.x0(i) + 217, self.cy(i) - EVENT / 2, EVENT, EVENT)
    }

    pub fn end_below(&self, i: usize) -> Rect {
        Rect::new(self.x0(i) + 217, self.row_y(i) + 105, EVENT, EVENT)
    }

    pub fn join_to_task(&self, i: usize) -> Vec<Point> {
        vec![p(self.x0(i) + GATEWAY, self.cy(i)), p(self.x0(i) + 80, self.cy(i))]
    }

    pub fn task_out(&self, i: usize) -> Point {
        p(self.x0(i) + 80 + TASK_W, self.cy(i))
    }

    pub fn split_out(&self, i: usize) -> Point {
        p(self.x0(i) + 210 + GATEWAY, self.cy(i))
    }

    pub fn task_to_split(&self, i: usize) -> Vec<Point> {
        vec![self.task_out(i), p(self.x0(i) + 210, self.cy(i))]
    }

    pub fn task_to_end(&self, i: usize) -> Vec<Point> {
        vec![self.task_out(i), p(self.x0(i) + 217, self.cy(i))]
    }

    pub fn split_to_end(&self, i: usize) -> Vec<Point> {
        let x = self.x0(i) + 235;
        vec![p(x, self.cy(i) + GATEWAY / 2), p(x, self.row_y(i) + 105)]
    }

    /// The free channel right of a step's column.
    pub fn channel(&self, i: usize) -> i64 {
        self.x0(i) + COLUMN - 10
    }

    /// A flow from `from` (right of a shape) into the left of `target`, turning in `channel`.
    pub fn route(&self, from: Point, channel: i64, target: Rect) -> Vec<Point> {
        let to = p(target.x, target.y + target.h / 2);
        if from.y == to.y && to.x > from.x && to.x - from.x <= COLUMN {
            return vec![from, to];
        }
        if to.x > channel && to.x - channel < COLUMN {
            return vec![from, p(channel, from.y), p(channel, to.y), to];
        }
        // Along the target row's upper channel: 55 above the row's middle.
        let above = to.y - 55;
        vec![from, p(channel, from.y), p(channel, above), p(to.x - 15, above), p(to.x - 15, to.y), to]
    }

    // The organisation's side of a step.

    pub fn org_lane(&self, i: usize) -> Option<usize> {
        self.org.get(i).copied().flatten().map(|(o, _)| o)
    }

    fn org_row_y(&self, i: usize) -> i64 {
        let (o, r) = self.org.get(i).copied().flatten().unwrap_or((0, 0));
        self.org_lane_bounds(o).y + r as i64 * ROW
    }

    pub fn org_start(&self, i: usize) -> Rect {
        Rect::new(self.x0(i) + 20, self.org_row_y(i) + 52, EVENT, EVENT)
    }

    pub fn org_task(&self, i: usize) -> Rect {
        Rect::new(self.x0(i) + 80, self.org_row_y(i) + 30, TASK_W, TASK_H)
    }

    pub fn org_end(&self, i: usize) -> Rect {
        Rect::new(self.x0(i) + 220, self.org_row_y(i) + 52, EVENT, EVENT)
    }

    pub fn org_start_to_task(&self, i: usize) -> Vec<Point> {
        let y = self.org_row_y(i) + 70;
        vec![p(self.x0(i) + 20 + EVENT, y), p(self.x0(i) + 80, y)]
    }

    pub fn org_task_to_end(&self, i: usize) -> Vec<Point> {
        let y = self.org_row_y(i) + 70;
        vec![p(self.x0(i) + 80 + TASK_W, y), p(self.x0(i) + 220, y)]
    }

    /// The message flow from the customer's task down to the organisation's start event.
    pub fn contact(&self, i: usize) -> Vec<Point> {
        let (x0, below, org) = (self.x0(i), self.row_y(i) + 125, self.org_row_y(i));
        // Down the free strip between the task and the dividing gateway, a little further right
        // for each row, so that the contacts of one column do not draw over each other.
        let x = x0 + 188 + 5 * (self.row[i] as i64 % 4);
        vec![
            p(x0 + 170, self.row_y(i) + 110),
            p(x0 + 170, below),
            p(x, below),
            p(x, org + 15),
            p(x0 + 38, org + 15),
            p(x0 + 38, org + 52),
        ]
    }
}
