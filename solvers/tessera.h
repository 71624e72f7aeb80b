/*
   tessera.h - umbrella header of libtessera: includes every public module header in dependency order.
*/
#if !defined(TESSERA_H)
#define TESSERA_H

#include <petsc.h>
#include <tesserasys.h>
#include <tesseraio.h>
#include <tesserasketch.h>
#include <tesseraalsketch.h>
#include <tesseranlp.h>

#endif
