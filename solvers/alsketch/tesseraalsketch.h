/*
   tesseraalsketch.h - TAOALSKETCH, the exact augmented Lagrangian method with randomized iterative sketching
   (AdaSketch-Newton) for equality-constrained optimization, registered as the Tao type "alsketch".
*/
#if !defined(TESSERAALSKETCH_H)
  #define TESSERAALSKETCH_H

  #include <petsctao.h>
  #include <tesserasys.h>

  /* SUBMANSEC = Tao */

  /*J
  TAOALSKETCH - "alsketch": exact augmented Lagrangian merit with inexact (sketched) Newton-KKT steps

  Level: intermediate

.seealso: `TaoALSketchSetMultipliers()`, `TaoALSketchGetHistory()`, `KSPSKETCH`
J*/
  #define TAOALSKETCH "alsketch"

/*E
  TaoALSketchAccuracy - rule that stops the inner (sketch) solve of each Newton-KKT system

$ TAO_ALSKETCH_ACCURACY_ADAPTIVE - ||K z - b|| <= theta_t delta ||b||, theta_t = min(theta, ||grad L||^gamma)
$ TAO_ALSKETCH_ACCURACY_PAPER    - the authors' rule ||K||_F psi ||K z - b|| <= delta ||b|| with their constants

  Level: intermediate

.seealso: `TAOALSKETCH`
E*/
typedef enum { TAO_ALSKETCH_ACCURACY_ADAPTIVE, TAO_ALSKETCH_ACCURACY_PAPER } TaoALSketchAccuracy;
TESSERA_EXTERN const char *const TaoALSketchAccuracies[];

/*E
  TaoALSketchHistoryField - per-iteration records of `TAOALSKETCH` (entry 0 is the starting point)

  Level: intermediate

.seealso: `TaoALSketchGetHistory()`
E*/
typedef enum {
  TAO_ALSKETCH_HISTORY_KKT,
  TAO_ALSKETCH_HISTORY_F,
  TAO_ALSKETCH_HISTORY_CNORM,
  TAO_ALSKETCH_HISTORY_ALPHA,
  TAO_ALSKETCH_HISTORY_MU,
  TAO_ALSKETCH_HISTORY_NU,
  TAO_ALSKETCH_HISTORY_DELTA,
  TAO_ALSKETCH_HISTORY_THETA,
  TAO_ALSKETCH_HISTORY_SKETCH_ITS,
  TAO_ALSKETCH_HISTORY_CAP_HIT,
  TAO_ALSKETCH_HISTORY_DESCENT_PASSES,
  TAO_ALSKETCH_HISTORY_HESSIAN_SHIFT,
  TAO_ALSKETCH_HISTORY_EXTENSIONS,
  TAO_ALSKETCH_HISTORY_NFIELDS
} TaoALSketchHistoryField;
TESSERA_EXTERN const char *const TaoALSketchHistoryFields[];

TESSERA_EXTERN PetscErrorCode TaoCreate_ALSketch(Tao);
TESSERA_EXTERN PetscErrorCode TaoALSketchSetMultipliers(Tao, Vec);
TESSERA_EXTERN PetscErrorCode TaoALSketchGetKSP(Tao, KSP *);
TESSERA_EXTERN PetscErrorCode TaoALSketchGetHistory(Tao, TaoALSketchHistoryField, PetscInt *, const PetscReal **);
TESSERA_EXTERN PetscErrorCode TaoALSketchGetTotalSketchIterations(Tao, PetscInt *);
TESSERA_EXTERN PetscErrorCode TaoALSketchComputeMerit(Tao, Vec, Vec, PetscReal, PetscReal, PetscReal *, Vec, Vec);

TESSERA_EXTERN PetscErrorCode TaoALSketchInitializePackage(void);

#endif
