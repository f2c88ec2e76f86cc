//! Secondary suppression. Hiding the counts from 1 to 4 is not enough when the table lets a
//! reader add things up: a beat's year minus its other months, a month's appeals minus its
//! thanks and requests, or those answered minus those answered on time, would give the hidden
//! count back. So for every such sum whose total is published, more cells are withheld until
//! no hidden cell of it can be worked out: at least two cells of the sum are hidden, and their
//! sum lies strictly between the least and the most they could add up to (a count "< 5" is 1
//! to 4, a withheld one 5 or more). Where no other part is left to withhold, the total is.

use super::Count;

/// A cell of an area's table: (period, column).
pub type Cell = (usize, usize);

/// Parts that add up to a total, as a reader of the table can check.
#[derive(Clone, Debug)]
pub struct Sum {
    pub parts: Vec<Cell>,
    pub total: Cell,
}

fn at<T: Copy + Default>(table: &[Vec<T>], (row, col): Cell) -> T {
    table
        .get(row)
        .and_then(|r| r.get(col))
        .copied()
        .unwrap_or_default()
}

fn set(table: &mut [Vec<Count>], (row, col): Cell, value: Count) {
    if let Some(c) = table.get_mut(row).and_then(|r| r.get_mut(col)) {
        *c = value;
    }
}

/// Whether no hidden part of `sum` can be worked out from what is published of it.
fn safe(sum: &Sum, exact: &[Vec<u64>], shown: &[Vec<Count>]) -> bool {
    let Count::Exact(total) = at(shown, sum.total) else {
        // A hidden total gives nothing to subtract from.
        return true;
    };
    let (mut known, mut hidden, mut least, mut most) = (0u64, 0usize, 0u64, Some(0u64));
    for &part in &sum.parts {
        match at(shown, part) {
            Count::Exact(_) => known += at(exact, part),
            Count::FewerThanFive => {
                hidden += 1;
                least += 1;
                most = most.map(|m| m + 4);
            }
            Count::Withheld => {
                hidden += 1;
                least += 5;
                most = None;
            }
        }
    }
    if hidden == 0 {
        return true;
    }
    let rest = total.saturating_sub(known);
    hidden >= 2 && least < rest && most.is_none_or(|m| rest < m)
}

/// What may be published of each cell of `exact`: counts from 1 to 4 as "< 5", and more
/// cells withheld until every sum is safe. Cells of the columns in `unpublished` (derived
/// figures the table never shows, such as late answers) count as hidden when small, and are
/// never chosen to be withheld, since withholding them would hide nothing.
pub fn protect(exact: &[Vec<u64>], sums: &[Sum], unpublished: &[usize]) -> Vec<Vec<Count>> {
    let mut shown: Vec<Vec<Count>> = exact
        .iter()
        .map(|row| row.iter().map(|&n| Count::of(n)).collect())
        .collect();
    loop {
        let mut changed = false;
        for sum in sums {
            if safe(sum, exact, &shown) {
                continue;
            }
            let partner = sum
                .parts
                .iter()
                .copied()
                .filter(|c| !unpublished.contains(&c.1))
                .filter(|&c| matches!(at(&shown, c), Count::Exact(n) if n > 0))
                .min_by_key(|&c| at(exact, c));
            set(&mut shown, partner.unwrap_or(sum.total), Count::Withheld);
            changed = true;
        }
        if !changed {
            return shown;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// One row of parts and its total in the last column.
    fn row(exact: &[u64]) -> (Vec<Vec<u64>>, Vec<Sum>) {
        let n = exact.len() - 1;
        let sums = vec![Sum {
            parts: (0..n).map(|c| (0, c)).collect(),
            total: (0, n),
        }];
        (vec![exact.to_vec()], sums)
    }

    fn shown(exact: &[u64]) -> Vec<String> {
        let (table, sums) = row(exact);
        protect(&table, &sums, &[])
            .remove(0)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_single_small_part_is_not_left_to_be_subtracted() {
        // 9 = 6 + 3: the 3 would be 9 - 6; the 6 is withheld with it.
        assert_eq!(shown(&[6, 3, 9]), ["*", "< 5", "9"]);
        // The smallest other part is withheld, and only as many as needed.
        assert_eq!(shown(&[3, 7, 20, 30]), ["< 5", "*", "20", "30"]);
    }

    #[test]
    fn parts_that_could_only_add_up_one_way_are_withheld_further() {
        // 4 + 4 = 8: both "< 5", but only 4 and 4 add up to 8: the total is withheld.
        assert_eq!(shown(&[4, 4, 8]), ["< 5", "< 5", "*"]);
        // 1 + 5 = 6: "< 5" and a withheld 5 or more can only be 1 and 5: the total goes too.
        assert_eq!(shown(&[1, 5, 6]), ["< 5", "*", "*"]);
        // 2 + 3 + 9 = 14 is safe as it is: the hidden 5 can be 1 + 4, 2 + 3, 3 + 2 or 4 + 1.
        assert_eq!(shown(&[2, 3, 9, 14]), ["< 5", "< 5", "9", "14"]);
    }

    #[test]
    fn nothing_hidden_nothing_withheld() {
        assert_eq!(shown(&[5, 0, 12, 17]), ["5", "0", "12", "17"]);
        assert_eq!(shown(&[3, 0, 3]), ["< 5", "0", "< 5"]);
    }

    #[test]
    fn a_cell_withheld_for_one_sum_is_protected_in_the_others() {
        // Two months (rows 0, 1) and the year (row 2); columns: thanks, requests, received.
        let exact = vec![vec![2, 10, 12], vec![0, 6, 6], vec![2, 16, 18]];
        let mut sums = Vec::new();
        for r in 0..3 {
            sums.push(Sum {
                parts: vec![(r, 0), (r, 1)],
                total: (r, 2),
            });
        }
        for c in 0..3 {
            sums.push(Sum {
                parts: vec![(0, c), (1, c)],
                total: (2, c),
            });
        }
        let out = protect(&exact, &sums, &[]);
        for sum in &sums {
            assert!(safe(sum, &exact, &out), "{sum:?} in {out:?}");
        }
        // The small thanks of the first month stays "< 5" and the requests of that month are
        // withheld; the year's requests too, as its own thanks are "< 5".
        assert_eq!(at(&out, (0, 0)), Count::FewerThanFive);
        assert_eq!(at(&out, (0, 1)), Count::Withheld);
    }

    #[test]
    fn an_unpublished_part_is_protected_but_never_withheld() {
        // Answered 10 = on time 8 + late 2 (never published): the 8 is withheld.
        let exact = vec![vec![8, 2, 10]];
        let sums = vec![Sum {
            parts: vec![(0, 0), (0, 1)],
            total: (0, 2),
        }];
        let out = protect(&exact, &sums, &[1]);
        assert_eq!(
            out,
            [vec![
                Count::Withheld,
                Count::FewerThanFive,
                Count::Exact(10)
            ]]
        );
    }
}
