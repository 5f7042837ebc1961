/** A positioned string, in top-left-origin page coordinates (y grows downward). */
export interface Fragment {
  text: string;
  x: number;
  /** Baseline. */
  y: number;
  width: number;
  /** Font size in points, as drawn. */
  size: number;
}
