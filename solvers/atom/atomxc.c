/*I "tessera.h" I*/
/*
   Local density approximation of NIST SRD 141 and the Thomas-Fermi starting potential.

   Exchange: Slater, e_x = -(3/(4 pi)) (3 pi^2 n)^(1/3), V_x = 4/3 e_x.
   Correlation: Vosko-Wilk-Nusair parametrisation of the Ceperley-Alder paramagnetic correlation energy
   ("VWN5": A = 0.0310907, x0 = -0.10498, b = 3.72744, c = 12.9352), x = sqrt(r_s),
   r_s = (3/(4 pi n))^(1/3), V_c = e_c - (r_s/3) de_c/dr_s.
   Thomas-Fermi: Z_eff(r) = Z phi(x), x = r (128 Z/(9 pi^2))^(1/3), with the analytic fit
   phi = (1 + a sqrt(x) + b x exp(-g sqrt(x)))^2 exp(-2 a sqrt(x)), clipped to Z_eff >= 1.

   References: S. H. Vosko, L. Wilk, M. Nusair, Can. J. Phys. 58 (1980) 1200; S. Kotochigova et al.,
   Phys. Rev. A 55, 191 (1997); M. Oulne, arXiv:physics/0511017 (Thomas-Fermi fit).
*/
#include <atomimpl.h>

/*@
  AtomVWNCorrelation - Evaluates the VWN correlation energy per electron and potential

  Not Collective

  Input Parameter:
. rs - the Wigner-Seitz radius, rs > 0

  Output Parameters:
+ ec - correlation energy per electron (Hartree)
- vc - correlation potential (Hartree)

  Level: developer

.seealso: `AtomLDA()`
@*/
PetscErrorCode AtomVWNCorrelation(PetscReal rs, PetscReal *ec, PetscReal *vc)
{
  const PetscReal A = 0.0310907, x0 = -0.10498, b = 3.72744, c = 12.9352;
  const PetscReal Q = PetscSqrtReal(4 * c - b * b), x = PetscSqrtReal(rs), X = x * x + b * x + c, X0 = x0 * x0 + b * x0 + c;
  const PetscReal at = PetscAtanReal(Q / (2 * x + b));

  PetscFunctionBegin;
  *ec = A * (PetscLogReal(x * x / X) + 2 * b / Q * at - b * x0 / X0 * (PetscLogReal((x - x0) * (x - x0) / X) + 2 * (b + 2 * x0) / Q * at));
  *vc = *ec - A / 3 * (c * (x - x0) - b * x0 * x) / ((x - x0) * X);
  PetscFunctionReturn(0);
}

/* LDA at density n; c > 0: exchange with the MacDonald-Vosko relativistic factors R(beta) on e_x and S(beta)
   on V_x, beta = (3 pi^2 n)^(1/3)/c */
static PetscErrorCode AtomLDA_Private(PetscReal n, PetscReal c, PetscReal *exc, PetscReal *vxc)
{
  PetscReal kf, ex, vx, ec, vc;

  PetscFunctionBegin;
  if (n < PETSC_MACHINE_EPSILON) {
    *exc = 0;
    *vxc = 0;
    PetscFunctionReturn(0);
  }
  kf = PetscCbrtReal(3 * PETSC_PI * PETSC_PI * n);
  ex = -3 / (4 * PETSC_PI) * kf;
  vx = 4 * ex / 3;
  if (c > 0) {
    const PetscReal beta = kf / c, mu = PetscSqrtReal(1 + beta * beta), as = PetscAsinhReal(beta);
    PetscReal       t;

    if (beta < 1e-4) t = beta * (2.0 / 3 - beta * beta / 5); /* (beta mu - asinh beta)/beta^2, series */
    else t = (beta * mu - as) / (beta * beta);
    ex *= 1 - 1.5 * t * t;
    vx *= 1.5 * as / (beta * mu) - 0.5;
  }
  PetscCall(AtomVWNCorrelation(PetscCbrtReal(3 / (4 * PETSC_PI * n)), &ec, &vc));
  *exc = ex + ec;
  *vxc = vx + vc;
  PetscFunctionReturn(0);
}

/*@
  AtomLDA - Evaluates the LDA (Slater exchange + VWN correlation) energy per electron and potential

  Not Collective

  Input Parameter:
. n - the electron density

  Output Parameters:
+ exc - exchange-correlation energy per electron
- vxc - exchange-correlation potential

  Level: developer

  Notes:
  Both are zero for densities below machine epsilon.

.seealso: `AtomVWNCorrelation()`, `AtomRelativisticLDA()`
@*/
PetscErrorCode AtomLDA(PetscReal n, PetscReal *exc, PetscReal *vxc)
{
  PetscFunctionBegin;
  PetscCall(AtomLDA_Private(n, 0, exc, vxc));
  PetscFunctionReturn(0);
}

/*@
  AtomRelativisticLDA - Evaluates the relativistic LDA (RLDA of NIST SRD 141): Slater exchange with the
  MacDonald-Vosko relativistic correction, and the non-relativistic VWN correlation

  Not Collective

  Input Parameters:
+ n - the electron density
- c - the speed of light (137.0359895 for NIST), c > 0

  Output Parameters:
+ exc - exchange-correlation energy per electron
- vxc - exchange-correlation potential

  Level: developer

  Notes:
  With beta = (3 pi^2 n)^(1/3)/c and mu = sqrt(1 + beta^2): e_x <- R e_x, R = 1 - (3/2) ((beta mu - asinh beta)/beta^2)^2,
  and V_x <- S V_x, S = (3/2) asinh(beta)/(beta mu) - 1/2; R, S -> 1 as beta -> 0 (R by its series below beta = 1e-4).
  Both are zero for densities below machine epsilon.

  Reference: A. H. MacDonald, S. H. Vosko, J. Phys. C 12 (1979) 2977; S. Kotochigova et al., Phys. Rev. A 55,
  191 (1997).

.seealso: `AtomLDA()`, `AtomVWNCorrelation()`
@*/
PetscErrorCode AtomRelativisticLDA(PetscReal n, PetscReal c, PetscReal *exc, PetscReal *vxc)
{
  PetscFunctionBegin;
  PetscCheck(c > 0 && PetscIsNormalReal(c), PETSC_COMM_SELF, PETSC_ERR_ARG_OUTOFRANGE, "Speed of light c = %g must be positive and finite", (double)c);
  PetscCall(AtomLDA_Private(n, c, exc, vxc));
  PetscFunctionReturn(0);
}

/*@
  AtomThomasFermiZeff - Evaluates the effective charge Z_eff(r) of the Thomas-Fermi atom (analytic fit)

  Not Collective

  Input Parameters:
+ Z - the atomic number
- r - the radius

  Output Parameter:
. zeff - the effective charge, V_TF(r) = -zeff/r, clipped to zeff >= 1

  Level: developer

.seealso: `AtomSolve()`
@*/
PetscErrorCode AtomThomasFermiZeff(PetscInt Z, PetscReal r, PetscReal *zeff)
{
  const PetscReal a = 0.7280642371, b = -0.5430794693, g = 0.3612163121;
  const PetscReal x = r * PetscCbrtReal(128.0 * Z / (9 * PETSC_PI * PETSC_PI)), sx = PetscSqrtReal(x), t = 1 + a * sx + b * x * PetscExpReal(-g * sx);

  PetscFunctionBegin;
  *zeff = PetscMax(Z * t * t * PetscExpReal(-2 * a * sx), 1.0);
  PetscFunctionReturn(0);
}
